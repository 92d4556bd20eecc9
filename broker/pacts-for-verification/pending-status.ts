import type { Db } from '../db/index.js';
import { findSuccessfullyVerified } from './pending-repository.js';
import type { VerificationQuery } from './verification-query.js';
import type { VerifiablePact } from './verifiable-pact.js';

/**
 * Sets the pending status of the selected pacts (docs/broker-api.md#pending-pacts, the Ruby broker's
 * `squash_pacts_for_verification.rb`): by the provider branch when one is given, else per provider
 * tag, else by any provider version. Two queries per branch or tag, whatever the number of pacts.
 */
export async function withPendingStatus(db: Db, providerId: number, pacts: VerifiablePact[], query: VerificationQuery): Promise<VerifiablePact[]> {
  if (!query.includePendingStatus) return pacts;
  const ids = [...new Set(pacts.map((pact) => pact.pact.pactVersionId))];
  const { providerVersionBranch: branch, providerVersionTags: tags } = query;

  if (branch !== undefined) {
    const [onBranch, onOtherBranchBefore] = await Promise.all([
      findSuccessfullyVerified(db, ids, { kind: 'branch', branch }),
      findSuccessfullyVerified(db, ids, { kind: 'other-branch-before-branch-created', providerId, branch }),
    ]);
    return pacts.map((pact) => {
      const id = pact.pact.pactVersionId;
      return { ...pact, pending: !onBranch.has(id) && !onOtherBranchBefore.has(id), nonPendingProviderTags: tags, providerBranch: branch };
    });
  }

  if (tags.length > 0) {
    const verifiedPerTag = await Promise.all(
      tags.map(async (tag) => {
        const [withTag, withOtherTagBefore] = await Promise.all([
          findSuccessfullyVerified(db, ids, { kind: 'tag', tag }),
          findSuccessfullyVerified(db, ids, { kind: 'other-tag-before-tag-created', providerId, tag }),
        ]);
        return { tag, verified: (id: number) => withTag.has(id) || withOtherTagBefore.has(id) };
      }),
    );
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

  const verified = await findSuccessfullyVerified(db, ids, { kind: 'any' });
  return pacts.map((pact) => ({ ...pact, pending: !verified.has(pact.pact.pactVersionId) }));
}
