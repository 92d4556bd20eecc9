import { sql } from 'kysely';
import type { Db, BranchRow, BranchVersionRow } from '../db/index.js';

/** Query code for `branches`, `branch_versions` and `branch_heads`. */

export interface BranchVersionOfVersion {
  branchName: string;
  /** Whether this version is the branch's head. */
  latest: boolean;
}

export async function findOrCreateBranch(db: Db, pacticipantId: number, name: string, now: string): Promise<{ id: number }> {
  // Looked up first: a version is mostly put on a branch that exists (main), in one statement instead of two (team issue 13).
  const byName = db.selectFrom('branches').select('id').where('pacticipant_id', '=', pacticipantId).where('name', '=', name);
  const existing = await byName.executeTakeFirst();
  if (existing) return existing;
  const inserted = await db
    .insertInto('branches')
    .values({ pacticipant_id: pacticipantId, name, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['pacticipant_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  // Nothing inserted: a concurrent write created it since the look-up.
  return inserted ?? (await byName.executeTakeFirstOrThrow());
}

export async function findBranchVersion(db: Db, branchId: number, versionId: number): Promise<BranchVersionRow | undefined> {
  return db
    .selectFrom('branch_versions')
    .selectAll()
    .where('branch_id', '=', branchId)
    .where('version_id', '=', versionId)
    .executeTakeFirst();
}

export interface NewBranchVersion {
  branchId: number;
  branchName: string;
  pacticipantId: number;
  versionId: number;
  versionOrder: number;
  autoCreated: boolean;
}

export async function insertBranchVersion(db: Db, row: NewBranchVersion, now: string): Promise<BranchVersionRow> {
  return db
    .insertInto('branch_versions')
    .values({
      branch_id: row.branchId,
      branch_name: row.branchName,
      pacticipant_id: row.pacticipantId,
      version_id: row.versionId,
      version_order: row.versionOrder,
      auto_created: row.autoCreated ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Points the branch's head at this branch version: the last version added wins, whatever its order. `withPacts`: the version may have pacts already. */
export async function upsertBranchHead(db: Db, branchVersion: BranchVersionRow, withPacts = true): Promise<void> {
  const head = {
    branch_version_id: branchVersion.id,
    version_id: branchVersion.version_id,
    pacticipant_id: branchVersion.pacticipant_id,
    branch_name: branchVersion.branch_name,
  };
  const { id } = await db
    .insertInto('branch_heads')
    .values({ branch_id: branchVersion.branch_id, ...head })
    .onConflict((oc) => oc.column('branch_id').doUpdateSet(head))
    .returning('id')
    .executeTakeFirstOrThrow();
  // Team issue 13: the head's current pacts, per provider, for the WIP pacts; those of the previous head go.
  await db.deleteFrom('branch_head_pacts').where('branch_head_id', '=', id).execute();
  if (withPacts) await recordBranchHeadPacts(db, branchVersion.version_id);
}

/**
 * Each branch head at the version gets the version's current pact per provider (team issue 13: the WIP pacts start from
 * these rows): after the head moved, and once after a publication's pacts, in one statement for all of them.
 */
export async function recordBranchHeadPacts(db: Db, versionId: number): Promise<void> {
  const pacts = db
    .selectFrom('branch_heads as bh')
    .innerJoin('latest_pact_publication_ids_for_consumer_versions as lp', 'lp.consumer_version_id', 'bh.version_id')
    .innerJoin('pact_publications as pp', 'pp.id', 'lp.pact_publication_id')
    .select(['bh.id as branch_head_id', 'lp.provider_id', 'lp.consumer_version_id', 'lp.pact_version_id', 'bh.branch_name', 'pp.created_at as published_at'])
    .where('bh.version_id', '=', versionId);
  await db
    .insertInto('branch_head_pacts')
    .columns(['branch_head_id', 'provider_id', 'consumer_version_id', 'pact_version_id', 'branch_name', 'published_at'])
    .expression(pacts)
    .onConflict((oc) =>
      oc.columns(['branch_head_id', 'provider_id']).doUpdateSet((eb) => ({ pact_version_id: eb.ref('excluded.pact_version_id'), published_at: eb.ref('excluded.published_at') })),
    )
    .execute();
}

/** The version's successful verifications outside WIP, recorded for the branch it was just put on (team issue 13: what WIP pacts are judged by). */
export async function recordBranchSuccesses(db: Db, branchVersion: BranchVersionRow): Promise<void> {
  const successes = db
    .selectFrom('verifications as ver')
    .select(['ver.id', sql<number>`cast(${branchVersion.id} as integer)`.as('branch_version_id'), 'ver.provider_id', sql<string>`cast(${branchVersion.branch_name} as text)`.as('branch_name'), 'ver.pact_version_id', 'ver.execution_date'])
    .where('ver.provider_version_id', '=', branchVersion.version_id)
    .where('ver.success', '=', 1)
    .where('ver.wip', '=', 0);
  await db
    .insertInto('pact_version_provider_branch_successful_verifications')
    .columns(['verification_id', 'branch_version_id', 'provider_id', 'branch_name', 'pact_version_id', 'execution_date'])
    .expression(successes)
    .execute();
}

export async function countBranchVersionsOfVersion(db: Db, versionId: number): Promise<number> {
  const row = await db
    .selectFrom('branch_versions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('version_id', '=', versionId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findBranchVersionsOfVersion(db: Db, versionId: number): Promise<BranchVersionOfVersion[]> {
  const rows = await db
    .selectFrom('branch_versions as bv')
    .leftJoin('branch_heads as bh', 'bh.branch_version_id', 'bv.id')
    .select(['bv.branch_name', 'bh.id as head_id'])
    .where('bv.version_id', '=', versionId)
    .orderBy('bv.id')
    .execute();
  return rows.map((row) => ({ branchName: row.branch_name, latest: row.head_id !== null }));
}

export async function findBranch(db: Db, pacticipantId: number, name: string): Promise<BranchRow | undefined> {
  return db.selectFrom('branches').selectAll().where('pacticipant_id', '=', pacticipantId).where('name', '=', name).executeTakeFirst();
}

/** The pacticipant's branches, most recently updated first, as the Ruby broker lists them. */
export async function listBranches(db: Db, pacticipantId: number): Promise<BranchRow[]> {
  return db.selectFrom('branches').selectAll().where('pacticipant_id', '=', pacticipantId).orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
}

/** Deletes the branch with its branch versions and head (by cascade); the versions themselves stay. */
export async function deleteBranch(db: Db, branchId: number): Promise<void> {
  await db.deleteFrom('branches').where('id', '=', branchId).execute();
}

export async function deleteBranchVersion(db: Db, branchVersionId: number): Promise<void> {
  await db.deleteFrom('branch_versions').where('id', '=', branchVersionId).execute();
}

/** Moves a branch's `updated_at` to now, unless it changed within the last minute (the Ruby broker saves writes so). */
export async function touchBranch(db: Db, branchId: number, now: string): Promise<void> {
  const aMinuteAgo = new Date(Date.parse(now) - 60_000).toISOString();
  await db.updateTable('branches').set({ updated_at: now }).where('id', '=', branchId).where('updated_at', '<', aMinuteAgo).execute();
}

/** The branch version of highest version order: the head once the last added one is gone. */
export async function findLatestBranchVersion(db: Db, branchId: number): Promise<BranchVersionRow | undefined> {
  return db.selectFrom('branch_versions').selectAll().where('branch_id', '=', branchId).orderBy('version_order', 'desc').limit(1).executeTakeFirst();
}

/** The branches whose head is this version. */
export async function findBranchIdsHeadedBy(db: Db, versionId: number): Promise<number[]> {
  const rows = await db.selectFrom('branch_heads').select('branch_id').where('version_id', '=', versionId).execute();
  return rows.map((row) => row.branch_id);
}

export async function hasBranchHead(db: Db, branchId: number): Promise<boolean> {
  return (await db.selectFrom('branch_heads').select('id').where('branch_id', '=', branchId).executeTakeFirst()) !== undefined;
}
