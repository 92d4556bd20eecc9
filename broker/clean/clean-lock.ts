import { isPostgres, withPostgresClient, type Db } from '../db/index.js';
import { cleanDatabase, type CleanOptions, type CleanResult, type DryRunResult } from './clean-database.js';

/** The advisory lock's key: any constant the brokers of one database agree on. */
export const CLEAN_LOCK_KEY = 7_203_417_714;

/**
 * A clean that no other broker of the same PostgreSQL database runs at the same time, as the Ruby
 * CleanTask's `pg_try_advisory_lock` (several replicas of a swarm tenant share a schedule);
 * `undefined` when another clean holds the lock. SQLite has one process per file: no lock.
 */
export async function cleanExclusively(db: Db, options: CleanOptions): Promise<CleanResult | DryRunResult | undefined> {
  if (!isPostgres(db)) return cleanDatabase(db, options);
  return withPostgresClient(db, async (client) => {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [CLEAN_LOCK_KEY]);
    if (!rows[0]?.locked) return undefined;
    try {
      return await cleanDatabase(db, options);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [CLEAN_LOCK_KEY]);
    }
  });
}
