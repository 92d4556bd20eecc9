import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../shared/logger.js';

export interface ConnectRetries {
  /** Retries after the first attempt (`PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES`). */
  maxRetries: number;
  intervalMs: number;
  logger: Logger;
}

/**
 * Waits until the database answers a query, retrying `maxRetries` times: a broker container starts
 * together with its postgres container, which accepts connections only some seconds later.
 */
export async function waitForDatabase<DB>(db: Kysely<DB>, { maxRetries, intervalMs, logger }: ConnectRetries): Promise<void> {
  for (let retry = 1; ; retry++) {
    try {
      await sql`select 1`.execute(db);
      return;
    } catch (error) {
      if (retry > maxRetries) {
        const after = maxRetries === 0 ? '' : ` after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'}`;
        throw new Error(`The database does not accept connections${after}: ${(error as Error).message}`, { cause: error });
      }
      logger.warn('The database does not accept connections yet; retrying', { retry, maxRetries, retryInMs: intervalMs, reason: (error as Error).message });
      await sleep(intervalMs);
    }
  }
}
