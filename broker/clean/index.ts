import type { Logger } from '../../shared/logger.js';
import { openDatabase } from '../db/index.js';
import type { CleanOptions, CleanResult, DryRunResult } from './clean-database.js';
import { cleanExclusively } from './clean-lock.js';

export type { CleanOptions, CleanResult, DryRunResult } from './clean-database.js';
export { startScheduledClean } from './scheduled-clean.js';

/** The clean's own connections: the lock's and the clean's, beside any broker's pool on the same database. */
const CLEAN_CONNECTIONS = 2;

/**
 * Cleans the broker database at `url` (team issue 14) on a handle of its own, under the lock the
 * brokers of that database share; `undefined` when another clean holds it.
 */
export async function cleanBrokerDatabase(url: string, options: CleanOptions, logger?: Logger): Promise<CleanResult | DryRunResult | undefined> {
  const db = openDatabase(url, { maxConnections: CLEAN_CONNECTIONS, logger });
  try {
    return await cleanExclusively(db, options);
  } finally {
    await db.destroy();
  }
}
