import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl, type TestDatabase } from '../test-support/test-database.js';
import { openDatabase, type Db } from './database.js';
import { migrateToLatest } from './migrations.js';

// One connection, so that every statement below runs where the earlier ones were prepared.
describe.skipIf(postgresServerUrl === undefined)('named statements on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = openDatabase(database.url, { prepareStatements: true, maxConnections: 1 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('keep their generic plan from the first run (PostgreSQL would plan each again while custom plans look cheaper)', async () => {
    for (let id = 1; id <= 8; id++) await db.selectFrom('pacticipants').select('name').where('id', '=', id).execute();
    const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`select generic_plans, custom_plans from pg_prepared_statements where statement like '%from "pacticipants" where "id" = $1'`.execute(db);
    expect(rows).toEqual([{ generic_plans: 8, custom_plans: 0 }]);
  });
});
