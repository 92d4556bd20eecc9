import type { Db, VersionRow } from '../db/index.js';
import { countBranchVersionsOfVersion } from './branch-repository.js';
import { addVersionToBranch } from './branch-service.js';
import { maybeSetMainBranch } from '../pacticipants/index.js';
import { findTagNamesOfVersion, insertTag } from './tag-repository.js';

/** `use_first_tag_as_branch_time_limit`: a version this young, untagged and branchless gets its first tag as branch. */
const FIRST_TAG_AS_BRANCH_WINDOW_MS = 10_000;

/** What a caller that created the version in its transaction knows of it, so it is not read again (team issue 13: statements per publication). */
export interface KnownVersion {
  hasTags: boolean;
  onBranch: boolean;
}

/** Tags a version as the Ruby broker does, including the first-tag-as-branch and main-branch rules (docs/broker-api.md#branches, docs/broker-api.md#tags). */
export async function tagVersion(db: Db, version: VersionRow, tagName: string, now: string, known?: KnownVersion): Promise<void> {
  if (await useTagAsBranch(db, version, now, known)) await addVersionToBranch(db, version, tagName, now, { autoCreated: true });
  await maybeSetMainBranch(db, version.pacticipant_id, tagName, now);
  await insertTag(db, version, tagName, now);
}

async function useTagAsBranch(db: Db, version: VersionRow, now: string, known: KnownVersion | undefined): Promise<boolean> {
  const ageMs = Date.parse(now) - Date.parse(version.created_at);
  if (ageMs > FIRST_TAG_AS_BRANCH_WINDOW_MS) return false;
  if (known) return !known.hasTags && !known.onBranch;
  if ((await findTagNamesOfVersion(db, version.id)).length > 0) return false;
  return (await countBranchVersionsOfVersion(db, version.id)) === 0;
}
