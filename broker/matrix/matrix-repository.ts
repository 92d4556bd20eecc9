import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Database } from '../db/index.js';
import type { MatrixIntegration } from './deployment-status.js';
import type { MatrixRow } from './matrix-rows.js';

/**
 * Query code for matrix rows and integrations. Rows are latest pact revisions per consumer version
 * (`latest_pact_publication_ids_for_consumer_versions`) left-joined on content to the latest
 * verification per provider version (`latest_verification_id_for_pact_version_and_provider_version`),
 * each side narrowed by indexed id lists before the join.
 */

/** The pacticipants (any version) and the versions one side of the matrix is narrowed to. */
export interface Party {
  pacticipantIds: readonly number[];
  versionIds: readonly number[];
}

export interface RowCriteria {
  /** Pacts of these consumers/consumer versions; undefined: any. */
  consumers?: Party;
  /** Pacts with these providers only. */
  pactProviderIds?: readonly number[];
  /** Verifications by these providers/provider versions; undefined: any. */
  providers?: Party;
  /** Verifications of pacts of these consumers only. */
  verificationConsumerIds?: readonly number[];
  /** Rows whose consumer or provider is one of these. */
  involving?: readonly number[];
  /** Only rows with a verification (an inner join). */
  verifiedOnly: boolean;
  limit: number;
}

type PactsEb = ExpressionBuilder<Database, 'latest_pact_publication_ids_for_consumer_versions'>;
type VerificationsEb = ExpressionBuilder<Database, 'latest_verification_id_for_pact_version_and_provider_version'>;

function pactsOf(eb: PactsEb, party: Party) {
  return eb.or([
    ...(party.pacticipantIds.length > 0 ? [eb('consumer_id', 'in', party.pacticipantIds)] : []),
    ...(party.versionIds.length > 0 ? [eb('consumer_version_id', 'in', party.versionIds)] : []),
  ]);
}

function verificationsBy(eb: VerificationsEb, party: Party) {
  return eb.or([
    ...(party.pacticipantIds.length > 0 ? [eb('provider_id', 'in', party.pacticipantIds)] : []),
    ...(party.versionIds.length > 0 ? [eb('provider_version_id', 'in', party.versionIds)] : []),
  ]);
}

/** The matrix rows matching the criteria, the most recently active first, at most `limit`. */
export async function findMatrixRows(db: Db, criteria: RowCriteria): Promise<MatrixRow[]> {
  const { consumers, providers, pactProviderIds, verificationConsumerIds, involving } = criteria;
  let pacts = db
    .selectFrom('latest_pact_publication_ids_for_consumer_versions')
    .select(['consumer_id', 'provider_id', 'consumer_version_id', 'pact_publication_id', 'pact_version_id', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(criteria.limit);
  if (consumers) pacts = pacts.where((eb) => pactsOf(eb, consumers));
  if (pactProviderIds) pacts = pacts.where('provider_id', 'in', nonEmpty(pactProviderIds));
  let verifications = db
    .selectFrom('latest_verification_id_for_pact_version_and_provider_version')
    .select(['pact_version_id', 'provider_version_id', 'verification_id', 'created_at']);
  if (providers) verifications = verifications.where((eb) => verificationsBy(eb, providers));
  if (verificationConsumerIds) verifications = verifications.where('consumer_id', 'in', nonEmpty(verificationConsumerIds));

  let query = db
    .selectFrom(pacts.as('p'))
    .leftJoin(verifications.as('v'), 'v.pact_version_id', 'p.pact_version_id')
    .innerJoin('pacticipants as c', 'c.id', 'p.consumer_id')
    .innerJoin('pacticipants as pr', 'pr.id', 'p.provider_id')
    .innerJoin('versions as cv', 'cv.id', 'p.consumer_version_id')
    .innerJoin('pact_publications as pp', 'pp.id', 'p.pact_publication_id')
    .innerJoin('pact_versions as pv', 'pv.id', 'p.pact_version_id')
    .leftJoin('versions as prv', 'prv.id', 'v.provider_version_id')
    .leftJoin('verifications as ver', 'ver.id', 'v.verification_id')
    .select([
      'c.id as consumerId',
      'c.name as consumerName',
      'cv.id as consumerVersionId',
      'cv.number as consumerVersionNumber',
      'cv.order as consumerVersionOrder',
      'pr.id as providerId',
      'pr.name as providerName',
      'prv.id as providerVersionId',
      'prv.number as providerVersionNumber',
      'prv.order as providerVersionOrder',
      'pp.id as pactPublicationId',
      'pp.revision_number as pactRevisionNumber',
      'pp.created_at as pactCreatedAt',
      'pv.sha as sha',
      'ver.id as verificationId',
      'ver.number as verificationNumber',
      'ver.success as successFlag',
      'ver.execution_date as verificationExecutedAt',
      'ver.verified_by_implementation as verifiedBy',
    ]);
  if (criteria.verifiedOnly) query = query.where('v.verification_id', 'is not', null);
  if (involving) query = query.where((eb) => eb.or([eb('p.consumer_id', 'in', nonEmpty(involving)), eb('p.provider_id', 'in', nonEmpty(involving))]));
  const rows = await query
    .orderBy(sql`case when v.created_at is not null and v.created_at > p.created_at then v.created_at else p.created_at end`, 'desc')
    .orderBy('p.pact_publication_id', 'desc')
    .orderBy('v.verification_id', 'desc')
    .limit(criteria.limit)
    .execute();
  return rows.map(({ successFlag, ...row }) => ({ ...row, success: successFlag === null ? null : successFlag === 1 }));
}

/** Distinct consumer/provider pairs of current pacts of the consumers (versions), optionally only with these providers. */
export async function findPactIntegrations(db: Db, consumers: Party, providerIds?: readonly number[]): Promise<Omit<MatrixIntegration, 'required'>[]> {
  let pairs = db
    .selectFrom('latest_pact_publication_ids_for_consumer_versions')
    .select(['consumer_id', 'provider_id'])
    .distinct()
    .where((eb) => pactsOf(eb, consumers));
  if (providerIds) pairs = pairs.where('provider_id', 'in', nonEmpty(providerIds));
  return withNames(db, await pairs.execute());
}

/** The integrations (from the integrations table) in which these pacticipants are providers. */
export async function findIntegrationsOfProviders(db: Db, providerIds: readonly number[]): Promise<Omit<MatrixIntegration, 'required'>[]> {
  const pairs = await db.selectFrom('integrations').select(['consumer_id', 'provider_id']).where('provider_id', 'in', nonEmpty(providerIds)).execute();
  return withNames(db, pairs);
}

async function withNames(db: Db, pairs: { consumer_id: number; provider_id: number }[]): Promise<Omit<MatrixIntegration, 'required'>[]> {
  const ids = [...new Set(pairs.flatMap((pair) => [pair.consumer_id, pair.provider_id]))];
  if (ids.length === 0) return [];
  const names = new Map((await db.selectFrom('pacticipants').select(['id', 'name']).where('id', 'in', ids).execute()).map((row) => [row.id, row.name]));
  return pairs.map((pair) => ({
    consumerId: pair.consumer_id,
    consumerName: names.get(pair.consumer_id) ?? '',
    providerId: pair.provider_id,
    providerName: names.get(pair.provider_id) ?? '',
  }));
}

/** An id list for `in (…)`: SQL has no empty list, and -1 matches no id. */
function nonEmpty(ids: readonly number[]): readonly number[] {
  return ids.length > 0 ? ids : [-1];
}
