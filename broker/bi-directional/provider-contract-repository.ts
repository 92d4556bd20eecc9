import type { Insertable, Selectable } from 'kysely';
import type { Db, CrossContractComparisonTable, ProviderContractTable } from '../db/index.js';
import { CROSS_CONTRACT_VERIFIER } from '../verifications/index.js';

/** Query code for provider contracts and cross-contract comparisons (issue 15). */

export type ProviderContractRow = Selectable<ProviderContractTable>;
export type NewProviderContract = Omit<Insertable<ProviderContractTable>, 'id'>;

/** Stores the provider version's contract, replacing one published before for that version. */
export async function upsertProviderContract(db: Db, row: NewProviderContract): Promise<ProviderContractRow> {
  const { created_at: _kept, ...changes } = row;
  await db.insertInto('provider_contracts').values(row).onConflict((oc) => oc.column('provider_version_id').doUpdateSet(changes)).execute();
  const stored = await findProviderContract(db, row.provider_version_id);
  if (!stored) throw new Error(`The provider contract of version ${row.provider_version_id} just stored cannot be read back`);
  return stored;
}

export async function findProviderContract(db: Db, providerVersionId: number): Promise<ProviderContractRow | undefined> {
  return db.selectFrom('provider_contracts').selectAll().where('provider_version_id', '=', providerVersionId).executeTakeFirst();
}

/** The provider's contracts, each with its version's number. */
export function providerContractsQuery(db: Db, providerId: number) {
  return db
    .selectFrom('provider_contracts as pc')
    .innerJoin('versions as v', 'v.id', 'pc.provider_version_id')
    .selectAll('pc')
    .select('v.number as version_number')
    .where('pc.provider_id', '=', providerId);
}

/** Each provider's newest version with a contract, by provider id: what the home page links. */
export async function findLatestContractVersions(db: Db): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('provider_contracts as pc')
    .innerJoin('versions as v', 'v.id', 'pc.provider_version_id')
    .select(['pc.provider_id', 'v.number'])
    .where(({ eb, selectFrom }) =>
      eb('v.order', '=', selectFrom('provider_contracts as pc2').innerJoin('versions as v2', 'v2.id', 'pc2.provider_version_id').select((e) => e.fn.max('v2.order').as('o')).whereRef('pc2.provider_id', '=', 'pc.provider_id')),
    )
    .execute();
  return new Map(rows.map((row) => [row.provider_id, row.number]));
}

/** The providers that published a contract; only those `among` these ids (not empty) when given. */
export async function findProvidersWithContracts(db: Db, among?: readonly number[]): Promise<number[]> {
  let query = db.selectFrom('provider_contracts').select('provider_id').distinct();
  if (among !== undefined) query = query.where('provider_id', 'in', [...among]);
  const rows = await query.execute();
  return rows.map((row) => row.provider_id);
}

/** Whether the provider version already has a verification result of the pact content. */
export async function hasVerification(db: Db, pactVersionId: number, providerVersionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('latest_verification_id_for_pact_version_and_provider_version')
    .select('verification_id')
    .where('pact_version_id', '=', pactVersionId)
    .where('provider_version_id', '=', providerVersionId)
    .executeTakeFirst();
  return row !== undefined;
}

export type ComparisonRow = Selectable<CrossContractComparisonTable>;

export async function findComparison(db: Db, pactVersionId: number, contractSha: string): Promise<ComparisonRow | undefined> {
  return db.selectFrom('cross_contract_comparisons').selectAll().where('pact_version_id', '=', pactVersionId).where('contract_sha', '=', contractSha).executeTakeFirst();
}

/** Stores a comparison; a concurrent twin already stored wins (one row per pair). */
export async function insertComparison(db: Db, row: Omit<Insertable<CrossContractComparisonTable>, 'id'>): Promise<ComparisonRow> {
  await db.insertInto('cross_contract_comparisons').values(row).onConflict((oc) => oc.columns(['pact_version_id', 'contract_sha']).doNothing()).execute();
  const stored = await findComparison(db, row.pact_version_id, row.contract_sha);
  if (!stored) throw new Error('A cross-contract comparison just stored cannot be read back');
  return stored;
}

/** The comparisons behind failed verification results, by verification id: what can-i-deploy names as the reason. */
export async function findComparisonsOfVerifications(db: Db, verificationIds: readonly number[]): Promise<Map<number, ComparisonRow & { self_verification_success: number }>> {
  if (verificationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('verifications as ver')
    .innerJoin('provider_contracts as pc', 'pc.provider_version_id', 'ver.provider_version_id')
    .innerJoin('cross_contract_comparisons as ccc', (join) => join.onRef('ccc.pact_version_id', '=', 'ver.pact_version_id').onRef('ccc.contract_sha', '=', 'pc.sha'))
    .selectAll('ccc')
    .select(['ver.id as verification_id', 'pc.self_verification_success'])
    .where('ver.id', 'in', verificationIds)
    .where('ver.verified_by_implementation', '=', CROSS_CONTRACT_VERIFIER)
    .execute();
  return new Map(rows.map(({ verification_id, ...row }) => [verification_id, row]));
}

/** The comparisons of a contract content, with each pact content's consumer and provider names. */
export async function findComparisonsOfContract(db: Db, contractSha: string): Promise<(ComparisonRow & { sha: string; consumer_name: string; provider_name: string })[]> {
  return db
    .selectFrom('cross_contract_comparisons as ccc')
    .innerJoin('pact_versions as pv', 'pv.id', 'ccc.pact_version_id')
    .innerJoin('pacticipants as c', 'c.id', 'pv.consumer_id')
    .innerJoin('pacticipants as p', 'p.id', 'pv.provider_id')
    .selectAll('ccc')
    .select(['pv.sha', 'c.name as consumer_name', 'p.name as provider_name'])
    .where('ccc.contract_sha', '=', contractSha)
    .orderBy('c.name')
    .orderBy('ccc.id')
    .execute();
}

export { CROSS_CONTRACT_VERIFIER };
