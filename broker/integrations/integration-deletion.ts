import type { Db, PacticipantRow } from '../db/index.js';
import { findBranchIdsHeadedBy, repairBranchHeads } from '../versions/index.js';
import { deleteIntegrationRow } from './integration-repository.js';

/**
 * `DELETE /integrations/provider/{p}/consumer/{c}` (issue 14), in the order of RB `integrations/service.rb#delete`:
 * the pair's pacts (their pact versions: publications, verifications and the webhooks they triggered go with
 * them by cascade), the pair's webhooks and their triggered webhooks, the two pacticipants' versions that
 * no pact or verification uses any more, the integration, and either pacticipant once nothing refers to it.
 */
export async function deleteIntegration(db: Db, consumer: PacticipantRow, provider: PacticipantRow): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('pact_versions').where('consumer_id', '=', consumer.id).where('provider_id', '=', provider.id).execute();
    await deletePairWebhooks(tx, consumer.id, provider.id);
    await deleteOrphanVersions(tx, [consumer.id, provider.id]);
    await deleteIntegrationRow(tx, consumer.id, provider.id);
    await deleteIfOrphan(tx, consumer.id);
    if (provider.id !== consumer.id) await deleteIfOrphan(tx, provider.id);
  });
}

/** `DELETE /integrations`: every pacticipant with all that hangs on it, and every webhook (RB `delete_all`); environments stay. */
export async function deleteAllIntegrations(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('triggered_webhooks').execute();
    await tx.deleteFrom('webhooks').execute();
    await tx.deleteFrom('pacticipants').execute();
  });
}

/** RB `webhooks/repository.rb#delete_by_consumer_and_provider`: webhooks for exactly this pair. */
async function deletePairWebhooks(db: Db, consumerId: number, providerId: number): Promise<void> {
  const webhookIds = db.selectFrom('webhooks').select('id').where('consumer_id', '=', consumerId).where('provider_id', '=', providerId);
  await db.deleteFrom('triggered_webhooks').where('webhook_id', 'in', webhookIds).execute();
  await db.deleteFrom('triggered_webhooks').where('consumer_id', '=', consumerId).where('provider_id', '=', providerId).execute();
  await db.deleteFrom('webhooks').where('consumer_id', '=', consumerId).where('provider_id', '=', providerId).execute();
}

/**
 * RB `versions/repository.rb#delete_orphan_versions`: the pacticipants' versions that are neither a
 * consumer version of a pact nor a provider version of a verification; branches they headed get a new head.
 */
async function deleteOrphanVersions(db: Db, pacticipantIds: number[]): Promise<void> {
  const orphans = await db
    .selectFrom('versions as v')
    .select('v.id')
    .where('v.pacticipant_id', 'in', pacticipantIds)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('pact_publications as pp').select('pp.id').whereRef('pp.consumer_version_id', '=', 'v.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('verifications as ve').select('ve.id').whereRef('ve.provider_version_id', '=', 'v.id'))))
    .execute();
  const headedBranchIds: number[] = [];
  for (const { id } of orphans) headedBranchIds.push(...(await findBranchIdsHeadedBy(db, id)));
  if (orphans.length > 0) await db.deleteFrom('versions').where('id', 'in', orphans.map((row) => row.id)).execute();
  await repairBranchHeads(db, headedBranchIds);
}

/** RB `pacticipants/repository.rb#delete_if_orphan`: no versions, pacts, pact versions or webhooks left. */
async function deleteIfOrphan(db: Db, pacticipantId: number): Promise<void> {
  const referenced = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('versions').select('id').where('pacticipant_id', '=', pacticipantId)).as('versions'),
      eb.exists(eb.selectFrom('pact_publications').select('id').where((w) => w.or([w('consumer_id', '=', pacticipantId), w('provider_id', '=', pacticipantId)]))).as('pacts'),
      eb.exists(eb.selectFrom('pact_versions').select('id').where((w) => w.or([w('consumer_id', '=', pacticipantId), w('provider_id', '=', pacticipantId)]))).as('pactVersions'),
      eb.exists(eb.selectFrom('webhooks').select('id').where((w) => w.or([w('consumer_id', '=', pacticipantId), w('provider_id', '=', pacticipantId)]))).as('webhooks'),
    ])
    .executeTakeFirstOrThrow();
  if (Object.values(referenced).some((value) => Boolean(value))) return;
  await db.deleteFrom('pacticipants').where('id', '=', pacticipantId).execute();
}
