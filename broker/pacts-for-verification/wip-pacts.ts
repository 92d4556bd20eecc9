import type { Db } from '../db/index.js';
import { pactInfo, resolveForRow } from './selected-pacts.js';
import type { SelectedPactRow } from './selection-repository.js';
import type { VerificationQuery } from './verification-query.js';
import { compareVerifiablePacts, mergeByContent, type VerifiablePact } from './verifiable-pact.js';
import { findVerifiedNotWipByTag, findWipCandidates } from './wip-repository.js';

/** Only successes this recent disqualify a WIP pact (`PACT_BROKER_VERIFIED_BY_OTHER_BRANCH_LOOKBACK_DAYS`, default 30). */
const LOOK_BACK_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The work-in-progress pacts (docs/broker-api.md#wip-pacts): pacts of consumer branch and tag heads published
 * since the date that the provider branch (or each provider tag) has not yet verified successfully
 * outside WIP, nor another branch (tag) before it existed (the caller leaves out those selected explicitly).
 * Each is pending; none without a provider branch or tag to judge by.
 */
export async function findWipPacts(db: Db, providerId: number, query: VerificationQuery, now: Date): Promise<VerifiablePact[]> {
  const { includeWipPactsSince: since, providerVersionBranch: branch, providerVersionTags: tags } = query;
  if (since === undefined || (branch === undefined && tags.length === 0)) return [];
  const publishedAfter = since.toISOString();

  if (branch !== undefined) {
    const unverifiedBy = { providerId, branch, lookBackFrom: new Date(now.getTime() - LOOK_BACK_DAYS * DAY_MS).toISOString() };
    const [branchHeads, tagHeads] = await Promise.all([
      findWipCandidates(db, providerId, publishedAfter, 'branch', unverifiedBy),
      findWipCandidates(db, providerId, publishedAfter, 'tag', unverifiedBy),
    ]);
    const wip = [...branchHeads, ...tagHeads].map((row) => wipPact(row, { providerBranch: branch, pendingProviderTags: [] }));
    return mergeByContent(wip, false).sort(compareVerifiablePacts);
  }

  const [branchHeads, tagHeads] = await Promise.all([
    findWipCandidates(db, providerId, publishedAfter, 'branch'),
    findWipCandidates(db, providerId, publishedAfter, 'tag'),
  ]);
  const candidates = [...tagHeads, ...branchHeads];
  const ids = [...new Set(candidates.map((row) => row.pactVersionId))];
  const perTag = await Promise.all(
    tags.map(async (tag) => {
      const [byTag, byOtherTag] = await Promise.all([
        findVerifiedNotWipByTag(db, ids, { providerId, tag, others: false }),
        findVerifiedNotWipByTag(db, ids, { providerId, tag, others: true }),
      ]);
      return candidates
        .filter((row) => !byTag.has(row.pactVersionId) && !byOtherTag.has(row.pactVersionId))
        .map((row) => wipPact(row, { providerBranch: undefined, pendingProviderTags: [tag] }));
    }),
  );
  return mergeByContent(perTag.flat(), false).sort(compareVerifiablePacts);
}

function wipPact(row: SelectedPactRow, provider: Pick<VerifiablePact, 'providerBranch' | 'pendingProviderTags'>): VerifiablePact {
  const selector = row.tagName ? { latest: true, tag: row.tagName } : { latest: true, branch: row.branchName ?? '' };
  return { pact: pactInfo(row), selectors: [resolveForRow(selector, row)], pending: true, nonPendingProviderTags: [], wip: true, ...provider };
}
