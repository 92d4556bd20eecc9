import { BadRequestError } from '../../shared/errors.js';
import { formatIdleDuration, idleDurationMs } from '../../shared/idle-duration.js';

/**
 * A create or PATCH request's `idleAfter` (issue 13), checked: a duration (`"15m"`, `"90s"`) after
 * which a tenant with no request sleeps, `"off"` (or `"0"`, `0`) for never, `null` for the
 * platform's `PACTSAFS_IDLE_AFTER`. Answers milliseconds, 0 for never, `null` for the platform's;
 * `undefined` when the request names none.
 */
export function parseIdleAfter(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return value;
  const ms = value === 0 ? 0 : typeof value === 'string' ? idleDurationMs(value) : undefined;
  if (ms === undefined) {
    throw new BadRequestError(
      `"idleAfter" must be a duration of at least 1s like "15m" or "90s", "off" to never sleep, or null for the platform's default; got ${JSON.stringify(value)}.`,
    );
  }
  return ms;
}

/** A tenant's `idleAfter` as the API shows it: its own setting (`"15m"`, `"off"`), or `null` when it follows the platform's. */
export function idleAfterView(idleAfterMs: number | undefined): string | null {
  return idleAfterMs === undefined ? null : formatIdleDuration(idleAfterMs);
}
