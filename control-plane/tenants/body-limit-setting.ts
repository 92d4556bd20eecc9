import { BadRequestError } from '../../shared/errors.js';

/** Bounds of a tenant's `maxBodyBytes` (issue 11): a body is held whole in memory while it is checked, so not beyond 1 GiB. */
const MIN_BODY_BYTES = 1024;
const MAX_BODY_BYTES = 1024 * 1024 * 1024;

/** The body limit a create request asks for, checked; undefined when it names none (the broker's default, 16 MiB). */
export function parseMaxBodyBytes(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_BODY_BYTES || value > MAX_BODY_BYTES) {
    throw new BadRequestError(
      `"maxBodyBytes" must be a whole number of bytes from ${MIN_BODY_BYTES} to ${MAX_BODY_BYTES} (1 GiB), for example 16777216 for 16 MiB; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}
