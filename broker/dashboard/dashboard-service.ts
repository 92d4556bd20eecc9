import { pactStatus } from '../badges/index.js';
import type { Db } from '../db/index.js';
import { pageOf } from '../http/index.js';
import type { PageRequest } from '../http/index.js';
import { findVersionFacts, type VersionFacts } from '../matrix/index.js';
import type { PactRow } from '../pacts/index.js';
import {
  findLatestVerificationsOfContents,
  findOverallLatestPacts,
  findPactsInEnvironments,
  findTagHeadPacts,
  type ContentVerification,
  type DashboardScope,
  type TagHead,
} from './dashboard-repository.js';

/** The index service's page size when none is asked for (RB `index/service.rb` DEFAULT_PAGE_SIZE). */
export const DASHBOARD_DEFAULT_PAGE: PageRequest = { number: 1, size: 30 };

/** The Ruby broker's pseudo branch statuses (`verifications/pseudo_branch_status.rb`). */
export type VerificationStatus = 'never' | 'success' | 'stale' | 'failed' | 'failed_pending';

/** One dashboard item (RB `Domain::IndexItem` as `find_index_items_for_api` creates it). */
export interface DashboardItem {
  pact: PactRow;
  /** The newest verification of this pact's content. */
  verification: ContentVerification | undefined;
  /** The consumer tags this pact is the latest pact of, oldest tag first. */
  tagNames: string[];
  consumerBranchHeads: string[];
  providerBranchHeads: string[];
  /** The provider version's tags that are the latest of their name, oldest first. */
  providerLatestTags: string[];
  verificationStatus: VerificationStatus;
  /** The later of the pact's publication and its verification's execution. */
  lastActivityAt: string;
}

const STATUS_NAMES = { unknown: 'never', verified: 'success', changed: 'stale', failed: 'failed', 'failed-pending': 'failed_pending' } as const;

/**
 * The head pacts (latest of each integration, of each consumer tag, and those of versions in an
 * environment), in the index's order, one page of them, with what each item shows.
 */
export async function findDashboardItems(db: Db, scope: DashboardScope, page: PageRequest): Promise<DashboardItem[]> {
  const [overall, tagHeads, inEnvironments] = await Promise.all([findOverallLatestPacts(db, scope), findTagHeadPacts(db, scope), findPactsInEnvironments(db, scope)]);
  const pacts = new Map<number, PactRow>([...overall, ...tagHeads, ...inEnvironments].map((pact) => [pact.publicationId, pact]));
  const shown = pageOf([...pacts.values()].sort(compareIndexItems), page).items;
  const verifications = await findLatestVerificationsOfContents(db, shown.map((pact) => pact.pactVersionId));
  const versionIds = [...shown.map((pact) => pact.consumerVersionId), ...[...verifications.values()].map((v) => v.providerVersionId)];
  const facts = await findVersionFacts(db, versionIds);
  return shown.map((pact) => toItem(pact, verifications.get(pact.pactVersionId), tagHeads, facts));
}

function toItem(pact: PactRow, verification: ContentVerification | undefined, tagHeads: readonly (PactRow & TagHead)[], facts: ReadonlyMap<number, VersionFacts>): DashboardItem {
  const providerFacts = verification && facts.get(verification.providerVersionId);
  const reported = verification && { success: verification.successFlag === 1, pactPending: verification.pendingFlag === 1, sha: verification.sha };
  return {
    pact,
    verification,
    tagNames: tagHeads
      .filter((head) => head.publicationId === pact.publicationId)
      .sort((a, b) => a.tagCreatedAt.localeCompare(b.tagCreatedAt))
      .map((head) => head.tagName),
    consumerBranchHeads: branchHeads(facts.get(pact.consumerVersionId)),
    providerBranchHeads: branchHeads(providerFacts),
    providerLatestTags: (providerFacts?.tags ?? []).filter((tag) => tag.latest).map((tag) => tag.name),
    verificationStatus: STATUS_NAMES[pactStatus(pact.sha, reported)],
    lastActivityAt: verification && Date.parse(verification.executionDate) > Date.parse(pact.createdAt) ? verification.executionDate : pact.createdAt,
  };
}

function branchHeads(facts: VersionFacts | undefined): string[] {
  return (facts?.branchVersions ?? []).filter((branch) => branch.latest).map((branch) => branch.branchName);
}

/** RB `IndexItem#<=>`: consumer name (ignoring case), newest consumer version and revision first, provider name. */
function compareIndexItems(a: PactRow, b: PactRow): number {
  return (
    compareText(a.consumerName.toLowerCase(), b.consumerName.toLowerCase()) ||
    b.consumerVersionOrder - a.consumerVersionOrder ||
    b.revisionNumber - a.revisionNumber ||
    compareText(a.providerName.toLowerCase(), b.providerName.toLowerCase())
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
