import type { Db } from '../db/database.js';
import type { VersionRow } from '../db/schema.js';

/** Query code for the `versions` table. */

export async function findVersion(db: Db, pacticipantId: number, number: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('versions')
    .selectAll()
    .where('pacticipant_id', '=', pacticipantId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Inserts a version whose order is one more than the pacticipant's highest, computed in the same statement. */
export async function insertVersion(db: Db, pacticipantId: number, number: string, now: string): Promise<VersionRow> {
  return db
    .insertInto('versions')
    .values((eb) => ({
      number,
      pacticipant_id: pacticipantId,
      order: eb
        .selectFrom('versions')
        .select((s) => s(s.fn.coalesce(s.fn.max('order'), s.lit(0)), '+', s.lit(1)).as('next_order'))
        .where('pacticipant_id', '=', pacticipantId),
      created_at: now,
      updated_at: now,
    }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateBuildUrl(db: Db, versionId: number, buildUrl: string, now: string): Promise<void> {
  await db.updateTable('versions').set({ build_url: buildUrl, updated_at: now }).where('id', '=', versionId).execute();
}

export async function findLatestVersion(db: Db, pacticipantId: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom('versions')
    .selectAll()
    .where('pacticipant_id', '=', pacticipantId)
    .orderBy('order', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The highest-order version of each of the given pacticipants, keyed by pacticipant id. */
export async function findLatestVersions(db: Db, pacticipantIds: readonly number[]): Promise<Map<number, VersionRow>> {
  if (pacticipantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('versions as v')
    .selectAll('v')
    .where('v.pacticipant_id', 'in', pacticipantIds)
    .where((eb) =>
      eb(
        'v.order',
        '=',
        eb.selectFrom('versions as v2').select((s) => s.fn.max('v2.order').as('max_order')).whereRef('v2.pacticipant_id', '=', 'v.pacticipant_id'),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.pacticipant_id, row]));
}
