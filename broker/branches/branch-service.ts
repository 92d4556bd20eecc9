import type { Db } from '../db/database.js';
import type { VersionRow } from '../db/schema.js';
import { maybeSetMainBranch } from '../pacticipants/pacticipant-service.js';
import { findBranchVersion, findOrCreateBranch, insertBranchVersion, upsertBranchHead } from './branch-repository.js';

/**
 * Puts a version on a branch: creates the branch and branch version when missing and makes a new
 * branch version the branch head; a main-branch candidate name may become the pacticipant's main branch.
 */
export async function addVersionToBranch(db: Db, version: VersionRow, branchName: string, now: string, autoCreated = false): Promise<void> {
  const branch = await findOrCreateBranch(db, version.pacticipant_id, branchName, now);
  const existing = await findBranchVersion(db, branch.id, version.id);
  if (!existing) {
    const branchVersion = await insertBranchVersion(
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
    await upsertBranchHead(db, branchVersion);
  }
  await maybeSetMainBranch(db, version.pacticipant_id, branchName, now);
}
