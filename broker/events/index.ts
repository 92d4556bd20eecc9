/** The broker's events (team issue 16, item 2): how publishing reaches webhooks without knowing them. */
export { createBrokerEvents } from './broker-events.js';
export type { BrokerEventListener, BrokerEvents, PactEvent, PactPublished, PublishedPact, TriggeredWebhookSummary, VerificationPublished } from './broker-events.js';
