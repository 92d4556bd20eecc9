import type { Db } from '../db/database.js';
import type { BranchVersionRow } from '../db/schema.js';

/** Query code for `branches`, `branch_versions` and `branch_heads`. */

export interface BranchVersionOfVersion {
  branchName: string;
  /** Whether this version is the branch's head. */
  latest: boolean;
}

export async function findOrCreateBranch(db: Db, pacticipantId: number, name: string, now: string): Promise<{ id: number }> {
  await db
    .insertInto('branches')
    .values({ pacticipant_id: pacticipantId, name, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['pacticipant_id', 'name']).doNothing())
    .execute();
  return db
    .selectFrom('branches')
    .select('id')
    .where('pacticipant_id', '=', pacticipantId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
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

/** Points the branch's head at this branch version: the last version added wins, whatever its order. */
export async function upsertBranchHead(db: Db, branchVersion: BranchVersionRow): Promise<void> {
  const head = {
    branch_version_id: branchVersion.id,
    version_id: branchVersion.version_id,
    pacticipant_id: branchVersion.pacticipant_id,
    branch_name: branchVersion.branch_name,
  };
  await db
    .insertInto('branch_heads')
    .values({ branch_id: branchVersion.branch_id, ...head })
    .onConflict((oc) => oc.column('branch_id').doUpdateSet(head))
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
