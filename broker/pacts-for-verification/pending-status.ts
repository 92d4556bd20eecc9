import type { Db } from '../db/index.js';
import { findSuccessfullyVerified, type PendingCriterion } from './pending-repository.js';
import type { VerificationQuery } from './verification-query.js';
import type { VerifiablePact } from './verifiable-pact.js';

/**
 * Sets the pending status of the selected pacts (docs/broker-api.md#pending-pacts, the Ruby broker's
 * `squash_pacts_for_verification.rb`): by the provider branch when one is given, else per provider
 * tag, else by any provider version. One statement, whatever the number of pacts, tags or criteria.
 */
export async function withPendingStatus(db: Db, providerId: number, pacts: VerifiablePact[], query: VerificationQuery): Promise<VerifiablePact[]> {
  if (!query.includePendingStatus) return pacts;
  const ids = [...new Set(pacts.map((pact) => pact.pact.pactVersionId))];
  const { providerVersionBranch: branch, providerVersionTags: tags } = query;

  if (branch !== undefined) {
    const [onBranch, onOtherBranchBefore] = await findSuccessfullyVerified(db, ids, [
      { kind: 'branch', branch },
      { kind: 'other-branch-before-branch-created', providerId, branch },
    ]);
    return pacts.map((pact) => {
      const id = pact.pact.pactVersionId;
      return { ...pact, pending: !onBranch.has(id) && !onOtherBranchBefore.has(id), nonPendingProviderTags: tags, providerBranch: branch };
    });
  }

  if (tags.length > 0) {
    const criteria = tags.flatMap((tag): PendingCriterion[] => [
      { kind: 'tag', tag },
      { kind: 'other-tag-before-tag-created', providerId, tag },
    ]);
    const sets: Array<Set<number>> = await findSuccessfullyVerified(db, ids, criteria);
    const verifiedPerTag = tags.map((tag, i) => ({ tag, verified: (id: number) => sets[2 * i]!.has(id) || sets[2 * i + 1]!.has(id) }));
    return pacts.map((pact) => {
      const pendingTags = verifiedPerTag.filter(({ verified }) => !verified(pact.pact.pactVersionId)).map(({ tag }) => tag);
      return {
        ...pact,
        pending: pendingTags.length > 0,
        pendingProviderTags: pendingTags,
        nonPendingProviderTags: tags.filter((tag) => !pendingTags.includes(tag)),
      };
    });
  }

  const [verified] = await findSuccessfullyVerified(db, ids, [{ kind: 'any' }]);
  return pacts.map((pact) => ({ ...pact, pending: !verified.has(pact.pact.pactVersionId) }));
}
