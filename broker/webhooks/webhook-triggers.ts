import { afterCommit } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { BrokerEventListener, PactEvent, PactPublished, PublishedPact, TriggeredWebhookSummary, VerificationPublished } from '../events/index.js';
import { findWebhooksToTrigger, insertTriggeredWebhook } from './triggered-webhook-repository.js';
import { providerVersionsRequiringVerification } from './required-verifications.js';

/**
 * Turning events into queued deliveries (RB `event_listener.rb`, `trigger_service.rb`): the webhooks'
 * subscription to the broker's events (team issue 16). They arrive inside the transaction of the write
 * that raised them, so a rolled-back request queues nothing and a committed one loses nothing; the
 * worker delivers them afterwards. `queued` is called once a transaction that queued deliveries has
 * committed, whoever raised its events (a request, the cross-contract queue): the worker's wake (team issue 13).
 */
export function webhookTriggers(queued: () => void): BrokerEventListener {
  return {
    pactPublished: (event) => triggerPactEvents(event, queued),
    verificationPublished: (event) => triggerVerificationEvents(event, queued),
    providersListenedTo: providersWithWebhooksConfigured,
  };
}

/**
 * Queues the webhooks of a pact publication's events, adding `contract_requiring_verification_published`
 * after `contract_published` when a provider version that matters has not verified this content.
 * Returns the events as detected (for the notices) and the deliveries queued.
 */
async function triggerPactEvents({ tx, pact, events, consumerVersionTags, listened, context }: PactPublished, queued: () => void): Promise<{ events: PactEvent[]; triggered: TriggeredWebhookSummary[] }> {
  const detected: PactEvent[] = [];
  for (const event of events) {
    detected.push(event);
    if (event.name === 'contract_published' && (await providerVersionsRequiringVerification(tx, pact)).length > 0) {
      detected.push({ name: 'contract_requiring_verification_published' });
    }
  }
  const toQueue = detected.map((event) => ({
    name: event.name,
    context: { base_url: context.baseUrl, event_name: event.name, consumer_version_number: pact.consumerVersionNumber, consumer_version_tags: [...consumerVersionTags] },
  }));
  // No webhook names this integration or leaves it open: none to look up (team issue 13: a statement fewer per pact).
  return { events: detected, triggered: listened === false ? [] : await queue(tx, pact, null, toQueue, context.now, queued) };
}

/** Queues `provider_verification_published`, then `_succeeded` or `_failed`. */
async function triggerVerificationEvents({ tx, pact, verification, providerVersionTags, context }: VerificationPublished, queued: () => void): Promise<TriggeredWebhookSummary[]> {
  const names = ['provider_verification_published', verification.success ? 'provider_verification_succeeded' : 'provider_verification_failed'];
  const toQueue = names.map((name) => ({
    name,
    context: {
      base_url: context.baseUrl,
      event_name: name,
      consumer_version_number: pact.consumerVersionNumber,
      provider_version_tags: [...providerVersionTags],
      build_url: verification.buildUrl,
    },
  }));
  return queue(tx, pact, verification.id, toQueue, context.now, queued);
}

/**
 * Which of these providers some webhook names with this consumer, or leaves open (RB `any_webhooks_configured_for_pact?`),
 * in one statement for all the pacts of a publication (team issue 13).
 */
async function providersWithWebhooksConfigured(db: Db, consumerId: number, providerIds: readonly number[]): Promise<Set<number>> {
  if (providerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('webhooks')
    .select('provider_id')
    .distinct()
    .where((eb) => eb.or([eb('consumer_id', '=', consumerId), eb('consumer_id', 'is', null)]))
    .where((eb) => eb.or([eb('provider_id', 'in', providerIds), eb('provider_id', 'is', null)]))
    .execute();
  const open = rows.some((row) => row.provider_id === null);
  return new Set(providerIds.filter((id) => open || rows.some((row) => row.provider_id === id)));
}

/** Queues each event's webhooks, event by event in the order given, each event's in webhook order; `queued` follows the commit. */
async function queue(tx: Db, pact: PublishedPact, verificationId: number | null, events: ReadonlyArray<{ name: string; context: Record<string, unknown> }>, now: string, queued: () => void) {
  const webhooks = await findWebhooksToTrigger(tx, pact.consumerId, pact.providerId, events.map((event) => event.name));
  const deliveries = events.flatMap((event) => webhooks.filter((webhook) => webhook.eventName === event.name).map((webhook) => ({ webhook, event })));
  const triggered: TriggeredWebhookSummary[] = [];
  for (const { webhook, event } of deliveries) {
    const uuid = await insertTriggeredWebhook(
      tx,
      {
        webhookId: webhook.id,
        webhookUuid: webhook.uuid,
        pactPublicationId: pact.publicationId,
        verificationId,
        consumerId: pact.consumerId,
        providerId: pact.providerId,
        eventName: event.name,
        eventContext: event.context,
        nextAttemptAt: now,
      },
      now,
    );
    triggered.push({ uuid, webhookUuid: webhook.uuid, description: webhook.description, eventName: event.name });
  }
  // Not before the commit: the worker would not see the rows (team issue 13).
  if (triggered.length > 0) await afterCommit(tx, queued);
  return triggered;
}
