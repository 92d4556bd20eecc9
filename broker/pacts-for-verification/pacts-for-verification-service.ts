import type { Db } from '../db/index.js';
import { withPendingStatus } from './pending-status.js';
import { findSelectedPacts } from './selected-pacts.js';
import type { VerificationQuery } from './verification-query.js';
import { compareVerifiablePacts, contentKey, mergeByContent, type VerifiablePact } from './verifiable-pact.js';
import { findWipPacts } from './wip-pacts.js';

/**
 * The pacts a provider version should verify (docs/broker-api.md#pacts-for-verification): the selected pacts merged by
 * content, with their pending status, then the work-in-progress pacts not among them. The work-in-progress pacts
 * are looked up beside the selected ones, not after them (team issue 13: their statement is the longest).
 */
export async function findPactsForVerification(db: Db, providerId: number, query: VerificationQuery, now: Date): Promise<VerifiablePact[]> {
  const [explicit, wip] = await Promise.all([findExplicitPacts(db, providerId, query), findWipPacts(db, providerId, query, now)]);
  const explicitKeys = new Set(explicit.map((pact) => contentKey(pact.pact)));
  return [...explicit, ...wip.filter((pact) => !explicitKeys.has(contentKey(pact.pact)))];
}

/** The selected pacts merged by content, with their pending status. */
async function findExplicitPacts(db: Db, providerId: number, query: VerificationQuery): Promise<VerifiablePact[]> {
  const selected = await findSelectedPacts(db, providerId, query.selectors);
  const merged = mergeByContent(
    selected.map(({ pact, selector }) => ({
      pact,
      selectors: [selector],
      pending: undefined,
      pendingProviderTags: [],
      nonPendingProviderTags: [],
      providerBranch: undefined,
      wip: false,
    })),
    true,
  ).sort(compareVerifiablePacts);
  return withPendingStatus(db, providerId, merged, query);
}
