import type { Db } from '../db/database.js';

/** Records that contract data was published for a consumer/provider pair, creating the integration when new. */
export async function touchIntegration(db: Db, consumerId: number, providerId: number, now: string): Promise<void> {
  await db
    .insertInto('integrations')
    .values({ consumer_id: consumerId, provider_id: providerId, created_at: now, contract_data_updated_at: now })
    .onConflict((oc) => oc.columns(['consumer_id', 'provider_id']).doUpdateSet({ contract_data_updated_at: now }))
    .execute();
}
