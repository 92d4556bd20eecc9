import { waitFor } from '../../shared/wait-for.js';

/** Polls `check` until it yields a value; fails with "timed out waiting for <what>". */
export function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  return waitFor(check, { timeoutMs, describeFailure: (last) => `timed out waiting for ${what} (last: ${last})` });
}
