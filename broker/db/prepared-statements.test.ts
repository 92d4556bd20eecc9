import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl, type TestDatabase } from '../test-support/test-database.js';
import { openDatabase, type Db } from './database.js';
import { migrateToLatest } from './migrations.js';
import { CUSTOM_PLAN } from './prepared-statements.js';

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

  it('plan a CUSTOM_PLAN statement with its values, not generically', async () => {
    const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Index Cond'?: string } }> }>`explain (format json) select name from pacticipants where id = ${7} ${CUSTOM_PLAN}`.execute(db);
    expect(rows[0]?.['QUERY PLAN'][0]?.Plan['Index Cond']).toBe('(id = 7)');
  });

  it('give a CUSTOM_PLAN statement the values a named one gets, hostile ones included', async () => {
    const values = (custom: boolean) => sql`select ${"it's \\ a 'quote'"} as text, ${null} as nothing, ${42} as number, ${true} as yes, ${'$1'} as dollar ${custom ? CUSTOM_PLAN : sql``}`.execute(db);
    expect((await values(true)).rows).toEqual((await values(false)).rows);
    expect((await values(true)).rows).toEqual([{ text: "it's \\ a 'quote'", nothing: null, number: '42', yes: 'true', dollar: '$1' }]);
  });
});
