import type { Db, BranchVersionRow, VersionRow } from '../db/index.js';
import { maybeSetMainBranch } from '../pacticipants/index.js';
import {
  deleteBranchVersion,
  findBranchVersion,
  findLatestBranchVersion,
  findOrCreateBranch,
  hasBranchHead,
  insertBranchVersion,
  recordBranchSuccesses,
  touchBranch,
  upsertBranchHead,
} from './branch-repository.js';

/**
 * Puts a version on a branch: creates the branch and branch version when missing and makes a new
 * branch version the branch head; a main-branch candidate name may become the pacticipant's main branch.
 */
export async function addVersionToBranch(
  db: Db,
  version: VersionRow,
  branchName: string,
  now: string,
  { autoCreated = false, versionIsNew = false }: { autoCreated?: boolean; versionIsNew?: boolean } = {},
): Promise<{ branchVersion: BranchVersionRow; created: boolean }> {
  const branch = await findOrCreateBranch(db, version.pacticipant_id, branchName, now);
  // A version created in this transaction is on no branch yet (team issue 13: a statement fewer per publication).
  let branchVersion = versionIsNew ? undefined : await findBranchVersion(db, branch.id, version.id);
  const created = branchVersion === undefined;
  if (!branchVersion) {
    branchVersion = await insertBranchVersion(
      db,
      {
        branchId: branch.id,
        branchName,
        pacticipantId: version.pacticipant_id,
        versionId: version.id,
        versionOrder: version.order,
        autoCreated,
      },
      now,
    );
    // A version created in this transaction has no pacts or verifications to record yet (team issue 13: two statements fewer per publication).
    await upsertBranchHead(db, branchVersion, !versionIsNew);
    if (!versionIsNew) await recordBranchSuccesses(db, branchVersion);
  }
  await touchBranch(db, branch.id, now);
  await maybeSetMainBranch(db, version.pacticipant_id, branchName, now);
  return { branchVersion, created };
}

/** Takes a version off a branch; when it was the head, the remaining version of highest order becomes the head. */
export async function removeVersionFromBranch(db: Db, branchVersion: BranchVersionRow): Promise<void> {
  await deleteBranchVersion(db, branchVersion.id);
  await repairBranchHeads(db, [branchVersion.branch_id]);
}

/** Gives each branch that lost its head (a cascade removed it) the branch version of highest order, if one remains. */
export async function repairBranchHeads(db: Db, branchIds: readonly number[]): Promise<void> {
  for (const branchId of branchIds) {
    if (await hasBranchHead(db, branchId)) continue;
    const latest = await findLatestBranchVersion(db, branchId);
    if (latest) await upsertBranchHead(db, latest);
  }
}
