import type { SelectQueryBuilder } from 'kysely';
import type { Db, Database, PactPublicationTable } from '../db/index.js';
import { versionIdsCurrentlyIn } from '../deployments/index.js';
import { pactQuery, type PactRow } from '../pacts/index.js';

/** Query code for the dashboard (RB `index/service.rb#find_index_items_for_api`). */

/** The integrations asked for: every one, or those of one consumer and provider. */
export interface DashboardScope {
  consumerId?: number;
  providerId?: number;
}

/** A head pact with a consumer tag it is the latest pact of. */
export interface TagHead {
  publicationId: number;
  tagName: string;
  tagCreatedAt: string;
}

function scopedPacts(db: Db, scope: DashboardScope) {
  return inScope(pactQuery(db, 'latest'), scope);
}

/** Narrows a query of `pact_publications as pp` to the scope. */
function inScope<Q extends SelectQueryBuilder<Database & { pp: PactPublicationTable }, 'pp', object>>(query: Q, { consumerId, providerId }: DashboardScope): Q {
  let narrowed = query;
  if (consumerId !== undefined) narrowed = narrowed.where('pp.consumer_id', '=', consumerId) as Q;
  if (providerId !== undefined) narrowed = narrowed.where('pp.provider_id', '=', providerId) as Q;
  return narrowed;
}

// The highest consumer version order is read once per group and joined, as the Ruby dataset does
// (`overall_latest`, `latest_by_consumer_tag`), not by a subquery per publication: that took 0.2-0.3 s
// on PostgreSQL with 100 versions per consumer (issue 13's history).

/** The latest pact of each integration (`overall_latest`). */
export async function findOverallLatestPacts(db: Db, scope: DashboardScope): Promise<PactRow[]> {
  const maxOrders = inScope(db.selectFrom('pact_publications as pp'), scope)
    .select(['pp.consumer_id', 'pp.provider_id', (eb) => eb.fn.max('pp.consumer_version_order').as('max_order')])
    .groupBy(['pp.consumer_id', 'pp.provider_id']);
  return scopedPacts(db, scope)
    .innerJoin(maxOrders.as('mx'), (join) =>
      join.onRef('mx.consumer_id', '=', 'pp.consumer_id').onRef('mx.provider_id', '=', 'pp.provider_id').onRef('mx.max_order', '=', 'pp.consumer_version_order'),
    )
    .execute();
}

/** The latest pact of each integration and consumer tag (`latest_by_consumer_tag`), with the tag. */
export async function findTagHeadPacts(db: Db, scope: DashboardScope): Promise<(PactRow & TagHead)[]> {
  const maxOrders = inScope(db.selectFrom('pact_publications as pp'), scope)
    .innerJoin('tags as t2', 't2.version_id', 'pp.consumer_version_id')
    .select(['pp.consumer_id', 'pp.provider_id', 't2.name', (eb) => eb.fn.max('pp.consumer_version_order').as('max_order')])
    .groupBy(['pp.consumer_id', 'pp.provider_id', 't2.name']);
  return scopedPacts(db, scope)
    .innerJoin('tags as t', 't.version_id', 'cv.id')
    .innerJoin(maxOrders.as('mx'), (join) =>
      join
        .onRef('mx.consumer_id', '=', 'pp.consumer_id')
        .onRef('mx.provider_id', '=', 'pp.provider_id')
        .onRef('mx.name', '=', 't.name')
        .onRef('mx.max_order', '=', 'pp.consumer_version_order'),
    )
    .select(['t.name as tagName', 't.created_at as tagCreatedAt'])
    .execute();
}

/** The pacts of consumer versions currently deployed or released anywhere (`for_environment(nil)`). */
export async function findPactsInEnvironments(db: Db, scope: DashboardScope): Promise<PactRow[]> {
  return scopedPacts(db, scope).where('cv.id', 'in', versionIdsCurrentlyIn(db)).execute();
}

/** The newest verification of a pact content (RB `PactVersion#latest_verification`), with its provider version. */
export interface ContentVerification {
  pactVersionId: number;
  successFlag: number;
  pendingFlag: number | null;
  executionDate: string;
  createdAt: string;
  providerVersionId: number;
  providerVersionNumber: string;
  sha: string;
}

/** {@link ContentVerification}s by pact version id, for the contents that were verified. */
export async function findLatestVerificationsOfContents(db: Db, pactVersionIds: readonly number[]): Promise<Map<number, ContentVerification>> {
  if (pactVersionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('verifications as ver')
    .innerJoin('versions as pv', 'pv.id', 'ver.provider_version_id')
    .innerJoin('pact_versions as pact', 'pact.id', 'ver.pact_version_id')
    .select([
      'ver.pact_version_id as pactVersionId',
      'ver.success as successFlag',
      'ver.pact_pending as pendingFlag',
      'ver.execution_date as executionDate',
      'ver.created_at as createdAt',
      'pv.id as providerVersionId',
      'pv.number as providerVersionNumber',
      'pact.sha as sha',
    ])
    .where('ver.id', 'in', (eb) =>
      eb
        .selectFrom('verifications as newest')
        .select((s) => s.fn.max('newest.id').as('id'))
        .where('newest.pact_version_id', 'in', [...new Set(pactVersionIds)])
        .groupBy('newest.pact_version_id'),
    )
    .execute();
  return new Map(rows.map((row) => [row.pactVersionId, row]));
}
