import type { Expression } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * The highest consumer version order among the latest publications of one integration: compare a
 * consumer version's order with it to keep only the latest pact of every consumer/provider pair.
 * The outer query passes its consumer and provider ids (`eb.ref(…)`); the versions are aliased
 * `v2`, so a caller may narrow them further (to a tag, say).
 */
export function latestIntegrationOrder(db: Db, consumerId: Expression<number>, providerId: Expression<number>) {
  return db
    .selectFrom('latest_pact_publication_ids_for_consumer_versions as lp2')
    .innerJoin('versions as v2', 'v2.id', 'lp2.consumer_version_id')
    .select((s) => s.fn.max('v2.order').as('max_order'))
    .where('lp2.consumer_id', '=', consumerId)
    .where('lp2.provider_id', '=', providerId);
}
