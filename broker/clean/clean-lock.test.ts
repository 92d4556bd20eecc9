import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { openMigratedTestDatabase, postgresServerUrl } from '../test-support/test-database.js';
import { CLEAN_LOCK_KEY, cleanExclusively } from './clean-lock.js';
import { DEFAULT_KEEP_BRANCH_SELECTORS, DEFAULT_KEEP_SELECTORS } from '../../shared/clean/clean-selectors.js';

const OPTIONS = { keep: DEFAULT_KEEP_SELECTORS, keepBranches: DEFAULT_KEEP_BRANCH_SELECTORS, deletionLimit: 10, overwrittenDataMaxAge: 7, dryRun: true, now: new Date() };

describe.skipIf(postgresServerUrl === undefined)('cleanExclusively on PostgreSQL (team issue 14)', () => {
  let database: { db: Db; close(): Promise<void> };
  beforeEach(async () => {
    database = await openMigratedTestDatabase('postgres');
  });
  afterEach(async () => {
    await database.close();
  });

  it("skips the clean while another broker of the database holds the clean lock, as the Ruby CleanTask's pg_try_advisory_lock", async () => {
    // The other broker: a session of its own holding the lock.
    const url = await urlOf(database.db);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1)', [CLEAN_LOCK_KEY]);
      expect(await cleanExclusively(database.db, OPTIONS)).toBeUndefined();
      await other.query('select pg_advisory_unlock($1)', [CLEAN_LOCK_KEY]);
      expect(await cleanExclusively(database.db, OPTIONS)).toMatchObject({ dryRun: true, counts: { totalVersions: 0 } });
    } finally {
      await other.end();
    }
  });
});

/** The URL of the database the handle is on: the server's URL with that database's name. */
async function urlOf(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  const url = new URL(postgresServerUrl ?? '');
  url.pathname = `/${rows[0]?.name ?? ''}`;
  return url.toString();
}
