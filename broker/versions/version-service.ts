import { findBranchIdsHeadedBy } from './branch-repository.js';
import { repairBranchHeads } from './branch-service.js';
import { lockPacticipant } from '../db/index.js';
import type { Db, PacticipantRow, VersionRow } from '../db/index.js';
import { findOrCreatePacticipant } from '../pacticipants/index.js';
import { deleteTagsOfVersion, insertTag } from './tag-repository.js';
import { deleteVersion, findVersion, insertVersion, updateBuildUrl } from './version-repository.js';
import type { VersionUpdate } from './version-schema.js';

export interface FoundOrCreatedVersion {
  version: VersionRow;
  created: boolean;
}

/** The pacticipant's version with this number, created (with the next order) when missing. */
export async function findOrCreateVersion(db: Db, pacticipant: PacticipantRow, number: string, now: string): Promise<FoundOrCreatedVersion> {
  const existing = await findVersion(db, pacticipant.id, number);
  if (existing) return { version: existing, created: false };
  return { version: await insertVersion(db, pacticipant.id, number, now), created: true };
}

/**
 * Finds or creates the pacticipant and its version, in one transaction that runs after any other
 * writer for the same pacticipant, so that two creators cannot take the same version order.
 */
export async function ensureVersion<T>(db: Db, pacticipantName: string, number: string, now: string, then: (tx: Db, found: FoundOrCreatedVersion) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, pacticipantName);
    const pacticipant = await findOrCreatePacticipant(tx, pacticipantName, now);
    return then(tx, await findOrCreateVersion(tx, pacticipant, number, now));
  });
}

/**
 * `PUT` (`overwrite`: a build URL not given is cleared) or `PATCH` (`merge`: only what is given changes)
 * of a version, creating pacticipant and version when missing; given tags replace the version's tags.
 */
export async function saveVersion(
  db: Db,
  coordinates: { pacticipantName: string; number: string },
  update: VersionUpdate,
  mode: 'overwrite' | 'merge',
  now: string,
): Promise<FoundOrCreatedVersion> {
  return ensureVersion(db, coordinates.pacticipantName, coordinates.number, now, async (tx, { version, created }) => {
    const buildUrl = mode === 'overwrite' ? (update.buildUrl ?? null) : update.buildUrl;
    if (buildUrl !== undefined) await updateBuildUrl(tx, version.id, buildUrl, now);
    if (update.tagNames !== undefined) {
      await deleteTagsOfVersion(tx, version.id);
      for (const name of update.tagNames) await insertTag(tx, version, name, now);
    }
    return { version: (await findVersion(tx, version.pacticipant_id, version.number)) ?? version, created };
  });
}

/** Deletes a version with everything that hangs on it; branches it headed get their next-latest version as head. */
export async function deleteVersionAndRepairHeads(db: Db, version: VersionRow): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const headedBranchIds = await findBranchIdsHeadedBy(tx, version.id);
    await deleteVersion(tx, version.id);
    await repairBranchHeads(tx, headedBranchIds);
  });
}
