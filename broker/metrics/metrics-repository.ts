import { sql } from 'kysely';
import type { Db, Database } from '../db/index.js';

type Table = keyof Database;

export async function countRows(db: Db, table: Table): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The `created_at` of the first and last row by id (publications and verifications). */
export async function firstAndLast(db: Db, table: 'pact_publications' | 'verifications'): Promise<{ first?: string; last?: string }> {
  const first = await db.selectFrom(table).select('created_at').orderBy('id', 'asc').limit(1).executeTakeFirst();
  const last = await db.selectFrom(table).select('created_at').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return { first: first?.created_at, last: last?.created_at };
}

export async function verificationCounts(db: Db): Promise<{ success: number; failure: number; distinct: number }> {
  const { rows } = await sql<{ success: number; failure: number; distinct: number }>`
    select
      (select count(*) from verifications where success = 1) as success,
      (select count(*) from verifications where success = 0) as failure,
      (select count(*) from (select distinct provider_version_id, pact_version_id, success from verifications) d) as ${sql.ref('distinct')}`.execute(db);
  const row = rows[0];
  return { success: Number(row?.success ?? 0), failure: Number(row?.failure ?? 0), distinct: Number(row?.distinct ?? 0) };
}

export async function tagCounts(db: Db): Promise<{ distinct: number; distinctWithPacticipant: number }> {
  const { rows } = await sql<{ names: number; pairs: number }>`
    select
      (select count(*) from (select distinct name from tags) n) as names,
      (select count(*) from (select distinct name, pacticipant_id from tags) p) as pairs`.execute(db);
  return { distinct: Number(rows[0]?.names ?? 0), distinctWithPacticipant: Number(rows[0]?.pairs ?? 0) };
}

/** How many consumer versions have 1, 2, … pact revisions, as `{ "1": 12, "2": 3 }`. */
export async function revisionsPerConsumerVersion(db: Db): Promise<Record<string, number>> {
  return rowsPerValue(db, 'pact_publications', 'consumer_version_id');
}

/** How many pact versions have 1, 2, … verification results. */
export async function verificationsPerPactVersion(db: Db): Promise<Record<string, number>> {
  return rowsPerValue(db, 'verifications', 'pact_version_id');
}

/** Rows of the matrix: each publication once per verification of its content, or once when unverified. */
export async function matrixRowCount(db: Db): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*) as count from pact_publications pp left join verifications v on v.pact_version_id = pp.pact_version_id`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/** How many values of `column` stand in 1, 2, … rows of `table`, as `{ "1": 12, "2": 3 }`. */
async function rowsPerValue<T extends Table>(db: Db, table: T, column: keyof Database[T] & string): Promise<Record<string, number>> {
  const { rows } = await sql<{ row_count: number; value_count: number }>`
    select row_count, count(*) as value_count
    from (select count(*) as row_count from ${sql.table(table)} group by ${sql.ref(column)}) per_value
    group by row_count order by row_count`.execute(db);
  // PostgreSQL answers counts as strings (bigint), SQLite as numbers.
  return Object.fromEntries(rows.map((row) => [String(Number(row.row_count)), Number(row.value_count)]));
}
