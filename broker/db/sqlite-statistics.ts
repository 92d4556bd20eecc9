import { sql, type RawBuilder } from 'kysely';
import type { Logger } from '../../shared/logger.js';
import { isPostgres, type Db } from './database.js';

/** How often a long-lived SQLite connection checks whether its tables need new statistics. */
const OPTIMIZE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * SQLite plans without table statistics until ANALYZE runs, and nothing ran it (team issue 13): at 5,000 versions per
 * consumer the pacts-for-verification `mainBranch` selector started from every pact of the provider, 20 ms of a 28 ms
 * request; with statistics it starts from the branch heads, 0.2 ms. As SQLite advises for long-lived connections:
 * `PRAGMA optimize=0x10002` once opened (every table without statistics, or grown 25-fold since, is analyzed: 21 ms the
 * first time at 5,000 versions with the connection's analysis_limit, 2 ms when nothing needs it), then `PRAGMA optimize`
 * every hour and before closing. PostgreSQL's autovacuum does this for its own tables: nothing to do there.
 * Returns what to run before the database is closed.
 */
export async function keepSqliteStatistics(db: Db, logger: Logger): Promise<() => Promise<void>> {
  if (isPostgres(db)) return async () => {};
  // Statistics only help plans: a failure to refresh them is logged, never an open's, a request's or a close's failure.
  const refresh = (pragma: RawBuilder<unknown>) =>
    pragma.execute(db).then(
      () => {},
      (error: unknown) => logger.warn('SQLite could not refresh its planner statistics', { error }),
    );
  await refresh(sql`pragma optimize=0x10002`);
  const timer = setInterval(() => void refresh(sql`pragma optimize`), OPTIMIZE_INTERVAL_MS).unref();
  return async () => {
    clearInterval(timer);
    await refresh(sql`pragma optimize`);
  };
}
