import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../shared/logger.js';

export interface ConnectRetries {
  /** Retries after the first attempt (`PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES`). */
  maxRetries: number;
  intervalMs: number;
  logger: Logger;
}

/** How often the database is asked quietly between two logged retries. */
const QUIET_POLL_MS = 100;

/**
 * Waits until the database answers a query, retrying `maxRetries` times `intervalMs` apart: a broker
 * container starts together with its postgres container, which accepts connections only some seconds
 * later. Team issue 13 (target 3, a docker tenant wakes in ≤ 5 s): within each interval it asks again
 * every 100 ms without logging, so a broker started beside its postgres serves as soon as postgres
 * does instead of up to `intervalMs` later; the retries logged and the time allowed stay the same.
 */
export async function waitForDatabase<DB>(db: Kysely<DB>, { maxRetries, intervalMs, logger }: ConnectRetries): Promise<void> {
  for (let retry = 1; ; retry++) {
    const error = await queryError(db);
    if (!error) return;
    if (retry > maxRetries) {
      const after = maxRetries === 0 ? '' : ` after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'}`;
      throw new Error(`The database does not accept connections${after}: ${error.message}`, { cause: error });
    }
    logger.warn('The database does not accept connections yet; retrying', { retry, maxRetries, retryInMs: intervalMs, reason: error.message });
    if (await answersWithin(db, intervalMs)) return;
  }
}

/** Asks the database every QUIET_POLL_MS until `ms` have passed; whether it answered. */
async function answersWithin<DB>(db: Kysely<DB>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) {
    await sleep(Math.min(QUIET_POLL_MS, left));
    if (Date.now() < until && !(await queryError(db))) return true;
  }
  return false;
}

/** The error of `select 1`, or undefined when the database answered. */
async function queryError<DB>(db: Kysely<DB>): Promise<Error | undefined> {
  try {
    await sql`select 1`.execute(db);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
