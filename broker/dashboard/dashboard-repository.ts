import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { versionIdsCurrentlyIn } from '../deployments/currently-in-environment.js';
import { latestIntegrationOrder } from '../pacts/latest-integration-order.js';
import { pactQuery, type PactRow } from '../pacts/pact-repository.js';

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

function scopedPacts(db: Db, { consumerId, providerId }: DashboardScope) {
  return pactQuery(db, 'latest')
    .$if(consumerId !== undefined, (query) => query.where('pp.consumer_id', '=', consumerId ?? 0))
    .$if(providerId !== undefined, (query) => query.where('pp.provider_id', '=', providerId ?? 0));
}

/** The latest pact of each integration (`overall_latest`). */
export async function findOverallLatestPacts(db: Db, scope: DashboardScope): Promise<PactRow[]> {
  return scopedPacts(db, scope)
    .where((eb) => eb('cv.order', '=', latestIntegrationOrder(db, eb.ref('pp.consumer_id'), eb.ref('pp.provider_id'))))
    .execute();
}

/** The latest pact of each integration and consumer tag (`latest_by_consumer_tag`), with the tag. */
export async function findTagHeadPacts(db: Db, scope: DashboardScope): Promise<(PactRow & TagHead)[]> {
  return scopedPacts(db, scope)
    .innerJoin('tags as t', 't.version_id', 'cv.id')
    .select(['t.name as tagName', 't.created_at as tagCreatedAt'])
    .where((eb) =>
      eb(
        'cv.order',
        '=',
        latestIntegrationOrder(db, eb.ref('pp.consumer_id'), eb.ref('pp.provider_id')).where((inner) =>
          inner.exists(inner.selectFrom('tags as t2').select('t2.name').whereRef('t2.version_id', '=', 'v2.id').where('t2.name', '=', sql.ref<string>('t.name'))),
        ),
      ),
    )
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
