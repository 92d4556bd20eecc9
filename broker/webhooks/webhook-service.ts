import { randomBytes } from 'node:crypto';
import type { Db, PacticipantRow } from '../db/index.js';
import { validationFailed, isObject } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { validateWebhook } from './webhook-contract.js';
import { toWebhook, webhookInput, webhookValues, type Webhook, type WebhookInput } from './webhook-model.js';
import * as repository from './webhook-repository.js';
import type { WebhookSettings } from './webhook-settings.js';

/** The consumer and provider a scoped path (`/webhooks/provider/P/consumer/C`) names. */
export interface WebhookScope {
  consumer?: PacticipantRow;
  provider?: PacticipantRow;
}

/** A new webhook uuid: SecureRandom.urlsafe_base64, as the Ruby broker's. */
export function nextWebhookUuid(): string {
  return randomBytes(16).toString('base64url');
}

/** Validates a webhook body (for `PUT /webhooks/{uuid}`, with its uuid) and throws the Ruby broker's 400 when invalid. */
export async function parseWebhook(db: Db, body: Record<string, unknown>, settings: WebhookSettings, uuid?: string): Promise<WebhookInput> {
  const names = (['consumer', 'provider'] as const).map((role) => body[role]).flatMap((value) => (isObject(value) && typeof value.name === 'string' ? [value.name] : []));
  const existing = new Set<string>();
  for (const name of names) if (await findPacticipantByName(db, name)) existing.add(name);
  const errors = validateWebhook(body, { settings, pacticipantExists: (name) => existing.has(name), uuid });
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return webhookInput(body);
}

export async function findWebhook(db: Db, uuid: string): Promise<Webhook | undefined> {
  const record = await repository.findWebhookByUuid(db, uuid);
  if (!record) return undefined;
  return toWebhook(record, (await repository.findEventNames(db, [record.id])).get(record.id) ?? []);
}

/** All webhooks, or those of exactly this scope (RB `find_by_consumer_and_provider`: an unnamed side means none). */
export async function listWebhooks(db: Db, scope?: WebhookScope): Promise<Webhook[]> {
  const records = await repository.listWebhooks(db, scope && { consumerId: scope.consumer?.id ?? null, providerId: scope.provider?.id ?? null });
  const events = await repository.findEventNames(db, records.map((record) => record.id));
  return records.map((record) => toWebhook(record, events.get(record.id) ?? []));
}

/** Creates the webhook; a side the body does not name takes the scope's pacticipant. Undefined when the uuid is taken. */
export async function createWebhook(db: Db, uuid: string, input: WebhookInput, scope: WebhookScope, now: string): Promise<Webhook | undefined> {
  return db.transaction().execute(async (trx) => {
    const consumerId = (await idOfNamed(trx, input.consumer?.name)) ?? scope.consumer?.id ?? null;
    const providerId = (await idOfNamed(trx, input.provider?.name)) ?? scope.provider?.id ?? null;
    const id = await repository.insertWebhook(trx, uuid, webhookValues(input, consumerId, providerId), now);
    if (id === undefined) return undefined;
    await repository.replaceEvents(trx, id, input.events, now);
    return findWebhook(trx, uuid);
  });
}

/**
 * Replaces the webhook with the body (PUT). A password left out or sent as asterisks, and header
 * values sent as asterisks, keep their stored values: they are what a client read back (RB `maintain_redacted_params`).
 */
export async function updateWebhook(db: Db, existing: Webhook, body: Record<string, unknown>, input: WebhookInput, now: string): Promise<Webhook | undefined> {
  const sentRequest = body.request as Record<string, unknown>;
  const starred = (value: unknown) => typeof value === 'string' && /^\**$/.test(value);
  const password = !('password' in sentRequest) || starred(sentRequest.password) ? existing.request.password : input.request.password;
  const headers = Object.fromEntries(
    Object.entries(input.request.headers).map(([name, value]) => [name, starred(value) ? (existing.request.headers[name] ?? value) : value]),
  );
  const merged: WebhookInput = {
    description: 'description' in body ? input.description : existing.description,
    consumer: 'consumer' in body ? input.consumer : existing.consumer,
    provider: 'provider' in body ? input.provider : existing.provider,
    enabled: 'enabled' in body ? input.enabled : existing.enabled,
    request: { ...input.request, password, headers },
    events: 'events' in body ? input.events : existing.events,
  };
  return db.transaction().execute(async (trx) => {
    const record = await repository.findWebhookByUuid(trx, existing.uuid);
    if (!record) return undefined;
    const values = webhookValues(merged, (await idOfNamed(trx, merged.consumer?.name)) ?? null, (await idOfNamed(trx, merged.provider?.name)) ?? null);
    await repository.updateWebhook(trx, record.id, values, now);
    await repository.replaceEvents(trx, record.id, merged.events, now);
    return findWebhook(trx, existing.uuid);
  });
}

export async function deleteWebhook(db: Db, uuid: string): Promise<boolean> {
  const record = await repository.findWebhookByUuid(db, uuid);
  if (!record) return false;
  await repository.deleteWebhook(db, record.id);
  return true;
}

async function idOfNamed(db: Db, name: string | undefined): Promise<number | undefined> {
  return name === undefined ? undefined : (await findPacticipantByName(db, name))?.id;
}
