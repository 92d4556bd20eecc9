import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

type Table = keyof Database;

export async function countRows(db: Db, table: Table): Promise<number> {
  const row = await (db as Kysely<Database>).selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
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
  const { rows } = await sql<{ revisions: number; versions: number }>`
    select revisions, count(*) as versions
    from (select consumer_version_id, count(*) as revisions from pact_publications group by consumer_version_id) per_version
    group by revisions order by revisions`.execute(db);
  return distribution(rows.map((row) => [row.revisions, row.versions]));
}

/** How many pact versions have 1, 2, … verification results. */
export async function verificationsPerPactVersion(db: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ verifications: number; pacts: number }>`
    select verifications, count(*) as pacts
    from (select pact_version_id, count(*) as verifications from verifications group by pact_version_id) per_pact
    group by verifications order by verifications`.execute(db);
  return distribution(rows.map((row) => [row.verifications, row.pacts]));
}

/** Rows of the matrix: each publication once per verification of its content, or once when unverified. */
export async function matrixRowCount(db: Db): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*) as count from pact_publications pp left join verifications v on v.pact_version_id = pp.pact_version_id`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

function distribution(pairs: Array<[number, number]>): Record<string, number> {
  return Object.fromEntries(pairs.map(([key, count]) => [String(Number(key)), Number(count)]));
}
