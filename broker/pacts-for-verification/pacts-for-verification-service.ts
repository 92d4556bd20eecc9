import type { Db } from '../db/index.js';
import { withPendingStatus } from './pending-status.js';
import { findSelectedPacts } from './selected-pacts.js';
import type { VerificationQuery } from './verification-query.js';
import { compareVerifiablePacts, mergeByContent, type VerifiablePact } from './verifiable-pact.js';
import { findWipPacts } from './wip-pacts.js';

/**
 * The pacts a provider version should verify (docs/broker-api.md#pacts-for-verification): the selected pacts merged by
 * content, with their pending status, then the work-in-progress pacts.
 */
export async function findPactsForVerification(db: Db, providerId: number, query: VerificationQuery, now: Date): Promise<VerifiablePact[]> {
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
  const explicit = await withPendingStatus(db, providerId, merged, query);
  return [...explicit, ...(await findWipPacts(db, providerId, query, explicit, now))];
}
