import { compiledStatement, type Db } from '../db/index.js';
import type { PactRow } from '../pacts/index.js';

/**
 * The provider versions that should verify this pact's content but have not (RB
 * `verifications/service.rb#calculate_required_verifications_for_pact`): the head of the provider's
 * main branch, and the versions currently deployed or released (still supported) in any environment.
 * Their ids, distinct; empty when nothing requires a verification.
 */
export async function providerVersionsRequiringVerification(db: Db, pact: Pick<PactRow, 'providerId' | 'pactVersionId'>): Promise<number[]> {
  const { rows } = await db.executeQuery(requiredVerificationsStatement(db, 'any', { providerId: pact.providerId, pactVersionId: pact.pactVersionId }));
  return rows.map((row) => row.version_id);
}

// One statement (team issue 13: it runs for every pact published; it was four round trips), built and compiled once.
const requiredVerificationsStatement = compiledStatement((db: Db, _shape: 'any', values: { providerId: number; pactVersionId: number }) => {
  const candidates = db
    .selectFrom('branch_heads as bh')
    .innerJoin('pacticipants as p', (join) => join.onRef('p.id', '=', 'bh.pacticipant_id').onRef('p.main_branch', '=', 'bh.branch_name'))
    .select('bh.version_id')
    .where('bh.pacticipant_id', '=', values.providerId)
    .union(db.selectFrom('currently_deployed_version_ids').select('version_id').where('pacticipant_id', '=', values.providerId))
    .union(db.selectFrom('released_versions').select('version_id').where('pacticipant_id', '=', values.providerId).where('support_ended_at', 'is', null));
  return db
    .selectFrom(candidates.as('c'))
    .select('c.version_id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('verifications as v').select('v.id').where('v.pact_version_id', '=', values.pactVersionId).whereRef('v.provider_version_id', '=', 'c.version_id'),
        ),
      ),
    )
    .orderBy('c.version_id');
});
