import type { Db, WebhookRow, WebhookTable } from '../db/index.js';

/** Query code for `webhooks` and `webhook_events`. */

/** A webhook row with the names of its consumer and provider. */
export type WebhookRecord = WebhookRow & { consumer_name: string | null; provider_name: string | null };

/** The columns a create or an update writes. */
export type WebhookValues = Omit<WebhookTable, 'id' | 'uuid' | 'created_at' | 'updated_at'>;

function recordQuery(db: Db) {
  return db
    .selectFrom('webhooks as w')
    .leftJoin('pacticipants as c', 'c.id', 'w.consumer_id')
    .leftJoin('pacticipants as p', 'p.id', 'w.provider_id')
    .selectAll('w')
    .select(['c.name as consumer_name', 'p.name as provider_name']);
}

export async function findWebhookByUuid(db: Db, uuid: string): Promise<WebhookRecord | undefined> {
  return recordQuery(db).where('w.uuid', '=', uuid).executeTakeFirst();
}

/** Every webhook, or those whose consumer and provider ids are exactly these (null: none), oldest first. */
export async function listWebhooks(db: Db, scope?: { consumerId: number | null; providerId: number | null }): Promise<WebhookRecord[]> {
  let query = recordQuery(db);
  if (scope) {
    query = query.where('w.consumer_id', scope.consumerId === null ? 'is' : '=', scope.consumerId);
    query = query.where('w.provider_id', scope.providerId === null ? 'is' : '=', scope.providerId);
  }
  return query.orderBy('w.id').execute();
}

/** Event names per webhook id, in the order they were stored. */
export async function findEventNames(db: Db, webhookIds: readonly number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  if (webhookIds.length === 0) return names;
  const rows = await db.selectFrom('webhook_events').select(['webhook_id', 'name']).where('webhook_id', 'in', webhookIds).orderBy('id').execute();
  for (const row of rows) names.set(row.webhook_id, [...(names.get(row.webhook_id) ?? []), row.name]);
  return names;
}

/** Inserts the webhook; undefined when another request took the uuid meanwhile. */
export async function insertWebhook(db: Db, uuid: string, values: WebhookValues, now: string): Promise<number | undefined> {
  const row = await db
    .insertInto('webhooks')
    .values({ uuid, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('uuid').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateWebhook(db: Db, id: number, values: WebhookValues, now: string): Promise<void> {
  await db.updateTable('webhooks').set({ ...values, updated_at: now }).where('id', '=', id).execute();
}

export async function replaceEvents(db: Db, webhookId: number, names: readonly string[], now: string): Promise<void> {
  await db.deleteFrom('webhook_events').where('webhook_id', '=', webhookId).execute();
  const unique = [...new Set(names)];
  if (unique.length === 0) return;
  await db.insertInto('webhook_events').values(unique.map((name) => ({ webhook_id: webhookId, name, created_at: now }))).execute();
}

/** Deletes the webhook and its events; its triggered webhooks keep their logs (webhook_id set null). */
export async function deleteWebhook(db: Db, id: number): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}
