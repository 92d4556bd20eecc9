import type { Db } from '../db/index.js';
import { pactQuery, type PactRow } from '../pacts/index.js';
import type { VersionedContract } from './cross-contract-service.js';
import { providerContractsQuery } from './provider-contract-repository.js';

/**
 * Which pairs are compared without being asked (issue 15: "each provider version it meets in the
 * matrix"): on each side only the versions can-i-deploy and can-i-merge ask about by name (heads of
 * branches, currently deployed or released, latest of each tag, the latest), so the cost does not
 * grow with history. A pair outside them is compared when the matrix asks for it.
 */
export async function askedVersionIds(db: Db, pacticipantIds: readonly number[]): Promise<Set<number>> {
  if (pacticipantIds.length === 0) return new Set();
  const ids = pacticipantIds as number[];
  const heads = db.selectFrom('branch_heads').select('version_id').where('pacticipant_id', 'in', ids);
  const deployed = db.selectFrom('currently_deployed_version_ids').select('version_id').where('pacticipant_id', 'in', ids);
  const released = db.selectFrom('released_versions').select('version_id').where('pacticipant_id', 'in', ids).where('support_ended_at', 'is', null);
  const tagged = db
    .selectFrom('tags as t')
    .select('t.version_id')
    .where('t.pacticipant_id', 'in', ids)
    .where(({ eb, selectFrom }) => eb('t.version_order', '=', selectFrom('tags as t2').select((e) => e.fn.max('t2.version_order').as('o')).whereRef('t2.pacticipant_id', '=', 't.pacticipant_id').whereRef('t2.name', '=', 't.name')));
  const latest = db
    .selectFrom('versions as v')
    .select('v.id as version_id')
    .where('v.pacticipant_id', 'in', ids)
    .where(({ eb, selectFrom }) => eb('v.order', '=', selectFrom('versions as v2').select((e) => e.fn.max('v2.order').as('o')).whereRef('v2.pacticipant_id', '=', 'v.pacticipant_id')));
  const rows = await heads.union(deployed).union(released).union(tagged).union(latest).execute();
  return new Set(rows.map((row) => row.version_id));
}

/** The provider's contracts of asked versions, and its newest contract (a provider version published without a branch). */
export async function askedContracts(db: Db, providerId: number): Promise<VersionedContract[]> {
  const contracts = await providerContractsQuery(db, providerId).orderBy('v.order', 'desc').execute();
  // Most providers verify as usual: no contract, nothing more to read.
  if (contracts.length <= 1) return contracts;
  const asked = await askedVersionIds(db, [providerId]);
  return contracts.filter((contract, index) => index === 0 || asked.has(contract.provider_version_id));
}

/** The provider's pacts of asked consumer versions and each consumer's newest pact, one per content. */
export async function askedPacts(db: Db, providerId: number): Promise<PactRow[]> {
  const consumers = await db.selectFrom('integrations').select('consumer_id').where('provider_id', '=', providerId).execute();
  const asked = [...(await askedVersionIds(db, consumers.map((row) => row.consumer_id)))];
  const pacts = await pactQuery(db, 'latest')
    .where('p.id', '=', providerId)
    .where((eb) => {
      const newest = eb.selectFrom('pact_publications as newest').select((e) => e.fn.max('newest.consumer_version_order').as('o')).where('newest.provider_id', '=', providerId).whereRef('newest.consumer_id', '=', 'pp.consumer_id');
      return eb.or([eb('pp.consumer_version_order', '=', newest), ...(asked.length === 0 ? [] : [eb('cv.id', 'in', asked)])]);
    })
    .orderBy('pp.consumer_version_order', 'desc')
    .execute();
  const seen = new Set<number>();
  return pacts.filter((pact) => !seen.has(pact.pactVersionId) && seen.add(pact.pactVersionId));
}
