import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** Records that contract data was published for a consumer/provider pair, creating the integration when new. */
export async function touchIntegration(db: Db, consumerId: number, providerId: number, now: string): Promise<void> {
  await touchIntegrations(db, [{ consumerId, providerId }], now);
}

/** {@link touchIntegration} for several pairs in one statement (team issue 13: a publication's pacts); each pair once. */
export async function touchIntegrations(db: Db, pairs: ReadonlyArray<{ consumerId: number; providerId: number }>, now: string): Promise<void> {
  const distinct = [...new Map(pairs.map((pair) => [`${pair.consumerId}/${pair.providerId}`, pair])).values()];
  if (distinct.length === 0) return;
  await db
    .insertInto('integrations')
    .values(distinct.map(({ consumerId, providerId }) => ({ consumer_id: consumerId, provider_id: providerId, created_at: now, contract_data_updated_at: now })))
    .onConflict((oc) => oc.columns(['consumer_id', 'provider_id']).doUpdateSet({ contract_data_updated_at: now }))
    .execute();
}

/** An integration with its consumer's and provider's names. */
export interface IntegrationRow {
  id: number;
  consumerId: number;
  consumerName: string;
  providerId: number;
  providerName: string;
}

function integrationQuery(db: Db) {
  return db
    .selectFrom('integrations as i')
    .innerJoin('pacticipants as c', 'c.id', 'i.consumer_id')
    .innerJoin('pacticipants as p', 'p.id', 'i.provider_id')
    .select(['i.id as id', 'c.id as consumerId', 'c.name as consumerName', 'p.id as providerId', 'p.name as providerName']);
}

/**
 * Every integration, most recently updated contract data first (RB `integrations/repository.rb#find`:
 * `contract_data_updated_at` descending, nulls last), optionally only those whose consumer or
 * provider name contains `query`, ignoring case (RB `Dataset#filter`).
 */
export async function listIntegrations(db: Db, query?: string): Promise<IntegrationRow[]> {
  let select = integrationQuery(db)
    .orderBy(sql`case when i.contract_data_updated_at is null then 1 else 0 end`)
    .orderBy('i.contract_data_updated_at', 'desc')
    .orderBy('i.id');
  if (query !== undefined) {
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or([eb(sql`lower(c.name)`, 'like', sql`${pattern} escape '\\'`), eb(sql`lower(p.name)`, 'like', sql`${pattern} escape '\\'`)]),
    );
  }
  return select.execute();
}

/** The integrations that involve any of these pacticipants, by id. */
export async function listIntegrationsOf(db: Db, pacticipantIds: readonly number[]): Promise<IntegrationRow[]> {
  if (pacticipantIds.length === 0) return [];
  const ids = [...pacticipantIds];
  return integrationQuery(db)
    .where((eb) => eb.or([eb('i.consumer_id', 'in', ids), eb('i.provider_id', 'in', ids)]))
    .orderBy('i.id')
    .execute();
}

export async function deleteIntegrationRow(db: Db, consumerId: number, providerId: number): Promise<void> {
  await db.deleteFrom('integrations').where('consumer_id', '=', consumerId).where('provider_id', '=', providerId).execute();
}

/** Each consumer/provider pair that has a pact, by consumer then provider name ignoring case (RB `find_latest_pacts` sorted). */
export async function listPairsWithPacts(db: Db): Promise<IntegrationRow[]> {
  return integrationQuery(db)
    .where((eb) => eb.exists(eb.selectFrom('pact_publications as pp').select('pp.id').whereRef('pp.consumer_id', '=', 'i.consumer_id').whereRef('pp.provider_id', '=', 'i.provider_id')))
    .orderBy(sql`lower(c.name)`)
    .orderBy(sql`lower(p.name)`)
    .execute();
}
