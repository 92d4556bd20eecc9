import type { Db } from '../db/index.js';
import { findBranch, findBranchHeadVersion } from '../versions/index.js';
import { findEnvironmentByName } from '../environments/index.js';
import { summarizeDeploymentStatus, findMatrix, findVersionsForCriteria, type VersionCriteria } from '../matrix/index.js';
import type { MatrixQuery } from '../matrix/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import type { Badge } from './badge-svg.js';
import { canIDeployBadge, canIMergeBadge, errorBadge } from './badge-texts.js';

/** The matrix's row limit, as `GET /can-i-deploy` sets it by default. */
const ROW_LIMIT = '100';

export interface TagToTagRequest {
  pacticipantName: string;
  tag: string;
  to: string;
  label: string | undefined;
}

/** Whether the latest version with the tag can be deployed where the latest versions with `to` are (`can_i_deploy_pacticipant_version_by_tag_to_tag_badge.rb`). */
export async function canIDeployTagToTagBadge(db: Db, { pacticipantName, tag, to, label }: TagToTagRequest): Promise<Badge> {
  const pacticipant = await findPacticipantByName(db, pacticipantName);
  if (!pacticipant) return errorBadge('pacticipant', 'not found');
  if (!(await latestVersionExists(db, pacticipant.id, { tag }))) return errorBadge('version', 'not found');
  const deployable = await isDeployable(db, {
    selectors: [{ pacticipantName: pacticipant.name, latest: true, tag }],
    options: { latestby: 'cvp', latest: true, tag: to, limit: ROW_LIMIT, ignoreSelectors: [] },
  });
  return canIDeployBadge(`${tag} to ${to}`, label, deployable);
}

export interface BranchToEnvironmentRequest {
  pacticipantName: string;
  branch: string;
  environmentName: string;
  label: string | undefined;
}

/** Whether the head of the branch can be deployed to the environment (`can_i_deploy_pacticipant_version_by_branch_to_environment_badge.rb`). */
export async function canIDeployBranchToEnvironmentBadge(db: Db, { pacticipantName, branch, environmentName, label }: BranchToEnvironmentRequest): Promise<Badge> {
  const pacticipant = await findPacticipantByName(db, pacticipantName);
  if (!pacticipant) return errorBadge('pacticipant', 'not found');
  if (!(await latestVersionExists(db, pacticipant.id, { branch }))) {
    return errorBadge((await findBranch(db, pacticipant.id, branch)) ? 'version' : 'branch', 'not found');
  }
  if (!(await findEnvironmentByName(db, environmentName))) return errorBadge('environment', 'not found');
  // cvpv: every version deployed or released there counts, not only the newest (the Ruby broker's GitHub issue 903 in pact-foundation/pact_broker).
  const deployable = await isDeployable(db, {
    selectors: [{ pacticipantName: pacticipant.name, latest: true, branch }],
    options: { latestby: 'cvpv', environmentName, limit: ROW_LIMIT, ignoreSelectors: [] },
  });
  return canIDeployBadge(`${branch} to ${environmentName}`, label, deployable);
}

/** A can-i-merge badge, and whether it reports a matrix answer (those may be cached, as the Ruby broker's `badge_default_cache_setting`). */
export interface MergeBadge {
  badge: Badge;
  answered: boolean;
}

/**
 * Whether the head of the pacticipant's main branch is compatible with the main branches of its
 * integrations (`can_i_merge_badge.rb`, `matrix/service.rb#can_i_merge`: latestby cvp, mainBranch, latest).
 */
export async function canIMergeMainBranchBadge(db: Db, pacticipantName: string): Promise<MergeBadge> {
  const pacticipant = await findPacticipantByName(db, pacticipantName);
  if (!pacticipant) return { badge: errorBadge('pacticipant', 'not found'), answered: false };
  const version = pacticipant.main_branch === null ? undefined : await findBranchHeadVersion(db, pacticipant.id, pacticipant.main_branch);
  if (!version) return { badge: errorBadge('main branch version', 'not found'), answered: false };
  const deployable = await isDeployable(db, {
    selectors: [{ pacticipantName: pacticipant.name, versionNumber: version.number }],
    options: { latestby: 'cvp', latest: true, mainBranch: true, limit: ROW_LIMIT, ignoreSelectors: [] },
  });
  return { badge: canIMergeBadge(deployable), answered: true };
}

async function latestVersionExists(db: Db, pacticipantId: number, criteria: Pick<VersionCriteria, 'tag' | 'branch'>): Promise<boolean> {
  return (await findVersionsForCriteria(db, pacticipantId, { ...criteria, latest: true })).length > 0;
}

async function isDeployable(db: Db, query: MatrixQuery): Promise<boolean | null> {
  return summarizeDeploymentStatus(await findMatrix(db, query)).deployable;
}
