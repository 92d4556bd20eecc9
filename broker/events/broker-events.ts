import type { Db } from '../db/index.js';

/**
 * Team issue 16 (structure item 2): the domain raises events, webhooks listen. The services that write
 * pacts and verifications are given a {@link BrokerEvents} where they are built (app.ts, broker.ts) and
 * never import webhooks/. Events are published inside the write's transaction (`tx`), so a listener
 * that records something (the webhooks queue deliveries) records it in that transaction: nothing for a
 * rolled-back write, nothing lost by a crash after the commit (RB `event_listener.rb`, `trigger_service.rb`).
 */

/** An event a pact publication fires (the webhooks add `contract_requiring_verification_published` when it applies). */
export interface PactEvent {
  name: 'contract_published' | 'contract_content_changed' | 'contract_requiring_verification_published';
  comment?: string;
}

/** What the listeners get of a published pact (a pacts/ `PactRow` is one). */
export interface PublishedPact {
  publicationId: number;
  consumerId: number;
  providerId: number;
  pactVersionId: number;
  consumerVersionId: number;
  consumerVersionNumber: string;
}

/** A webhook delivery a listener queued for an event, as the publish notices name it. */
export interface TriggeredWebhookSummary {
  uuid: string;
  webhookUuid: string;
  description: string | null;
  eventName: string;
}

/** Where and when the write happened. */
export interface EventContext {
  baseUrl: string;
  now: string;
}

/** A pact publication's events, in the order they fire. */
export interface PactPublished {
  tx: Db;
  pact: PublishedPact;
  events: readonly PactEvent[];
  /** The consumer version's tag names, as the publishing service already read them (team issue 13: a statement fewer per pact). */
  consumerVersionTags: readonly string[];
  /** False when `providersListenedTo` said no listener listens to this integration, so none has anything to look up (team issue 13). */
  listened?: boolean;
  context: EventContext;
}

/** `provider_verification_published`, then `_succeeded` or `_failed` (RB `verifications/service.rb#broadcast_events`). */
export interface VerificationPublished {
  tx: Db;
  pact: PublishedPact;
  verification: { id: number; success: boolean; providerVersionNumber: string; buildUrl: string | null };
  providerVersionTags: readonly string[];
  context: EventContext;
}

/** The events as detected (a listener may add some) and the deliveries queued for them. */
export interface PactPublishedOutcome {
  events: PactEvent[];
  triggered: TriggeredWebhookSummary[];
}

/** One subscriber: called in the write's transaction, in subscription order. */
export interface BrokerEventListener {
  pactPublished(event: PactPublished): Promise<PactPublishedOutcome>;
  verificationPublished(event: VerificationPublished): Promise<TriggeredWebhookSummary[]>;
  /** Which of these providers' integrations with the consumer it listens to, whatever the event (the publish notices' next steps). */
  providersListenedTo(db: Db, consumerId: number, providerIds: readonly number[]): Promise<Set<number>>;
}

/** What the writing services raise events through. */
export type BrokerEvents = BrokerEventListener;

/**
 * A publisher handing each event to the listeners in order: each sees the pact events as the ones
 * before it detected them; the deliveries they queued are joined.
 */
export function createBrokerEvents(listeners: readonly BrokerEventListener[]): BrokerEvents {
  return {
    async pactPublished(event) {
      const outcome: PactPublishedOutcome = { events: [...event.events], triggered: [] };
      for (const listener of listeners) {
        const heard = await listener.pactPublished({ ...event, events: outcome.events });
        outcome.events = heard.events;
        outcome.triggered.push(...heard.triggered);
      }
      return outcome;
    },
    async verificationPublished(event) {
      const triggered: TriggeredWebhookSummary[] = [];
      for (const listener of listeners) triggered.push(...(await listener.verificationPublished(event)));
      return triggered;
    },
    async providersListenedTo(db, consumerId, providerIds) {
      const listened = new Set<number>();
      for (const listener of listeners) for (const id of await listener.providersListenedTo(db, consumerId, providerIds)) listened.add(id);
      return listened;
    },
  };
}
