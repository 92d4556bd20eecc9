import type { Db, VersionRow } from '../db/index.js';

/** Query code for the `versions` table. */

export async function findVersion(db: Db, pacticipantId: number, number: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('versions')
    .selectAll()
    .where('pacticipant_id', '=', pacticipantId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/**
 * Inserts a version whose order is one more than the highest of all versions, computed in the same
 * statement: one order across pacticipants, as the Ruby broker's global version sequence (team issue 14).
 * The build URL goes in with it when known (team issue 13: a statement fewer per publication).
 */
export async function insertVersion(db: Db, pacticipantId: number, number: string, now: string, buildUrl?: string): Promise<VersionRow> {
  return db
    .insertInto('versions')
    .values((eb) => ({
      number,
      pacticipant_id: pacticipantId,
      ...(buildUrl === undefined ? {} : { build_url: buildUrl }),
      order: eb
        .selectFrom('versions')
        .select((s) => s(s.fn.coalesce(s.fn.max('order'), s.lit(0)), '+', s.lit(1)).as('next_order')),
      created_at: now,
      updated_at: now,
    }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateBuildUrl(db: Db, versionId: number, buildUrl: string | null, now: string): Promise<void> {
  await db.updateTable('versions').set({ build_url: buildUrl, updated_at: now }).where('id', '=', versionId).execute();
}

/** The highest-order version of the pacticipant carrying the tag. */
export async function findLatestVersionWithTag(db: Db, pacticipantId: number, tagName: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('versions as v')
    .innerJoin('tags as t', 't.version_id', 'v.id')
    .selectAll('v')
    .where('v.pacticipant_id', '=', pacticipantId)
    .where('t.name', '=', tagName)
    .orderBy('v.order', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The version the branch's head points at: the one last added to the branch. */
export async function findBranchHeadVersion(db: Db, pacticipantId: number, branchName: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('versions as v')
    .innerJoin('branch_heads as bh', 'bh.version_id', 'v.id')
    .selectAll('v')
    .where('bh.pacticipant_id', '=', pacticipantId)
    .where('bh.branch_name', '=', branchName)
    .executeTakeFirst();
}

/** The pacticipant's versions, newest order first; only those on the branch when one is named. */
export async function listVersionsInReverseOrder(db: Db, pacticipantId: number, branchId?: number): Promise<VersionRow[]> {
  let query = db.selectFrom('versions as v').selectAll('v').where('v.pacticipant_id', '=', pacticipantId);
  if (branchId !== undefined) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('branch_versions as bv').select('bv.id').whereRef('bv.version_id', '=', 'v.id').where('bv.branch_id', '=', branchId)),
    );
  }
  return query.orderBy('v.order', 'desc').execute();
}

/** Deletes the version; its tags, branch versions, branch heads and pacts go with it by foreign-key cascade. */
export async function deleteVersion(db: Db, versionId: number): Promise<void> {
  await db.deleteFrom('versions').where('id', '=', versionId).execute();
}
