import type { Db } from '../db/database.js';
import type { PactRow } from '../pacts/pact-repository.js';

/**
 * The provider versions that should verify this pact's content but have not (RB
 * `verifications/service.rb#calculate_required_verifications_for_pact`): the head of the provider's
 * main branch, and the versions currently deployed or released (still supported) in any environment.
 * Their ids, distinct; empty when nothing requires a verification.
 */
export async function providerVersionsRequiringVerification(db: Db, pact: Pick<PactRow, 'providerId' | 'pactVersionId'>): Promise<number[]> {
  const mainBranchHead = await db
    .selectFrom('branch_heads as bh')
    .innerJoin('pacticipants as p', (join) => join.onRef('p.id', '=', 'bh.pacticipant_id').onRef('p.main_branch', '=', 'bh.branch_name'))
    .select('bh.version_id')
    .where('bh.pacticipant_id', '=', pact.providerId)
    .execute();
  const deployed = await db.selectFrom('currently_deployed_version_ids').select('version_id').where('pacticipant_id', '=', pact.providerId).execute();
  const released = await db
    .selectFrom('released_versions')
    .select('version_id')
    .where('pacticipant_id', '=', pact.providerId)
    .where('support_ended_at', 'is', null)
    .execute();
  const candidates = [...new Set([...mainBranchHead, ...deployed, ...released].map((row) => row.version_id))];
  if (candidates.length === 0) return [];
  const verified = await db
    .selectFrom('verifications')
    .select('provider_version_id')
    .where('pact_version_id', '=', pact.pactVersionId)
    .where('provider_version_id', 'in', candidates)
    .execute();
  const verifiedIds = new Set(verified.map((row) => row.provider_version_id));
  return candidates.filter((id) => !verifiedIds.has(id));
}
