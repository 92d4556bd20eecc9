import type { ListeningEndpoint } from './own-endpoints.js';

/** What the operator allows webhooks to do (the official image's `PACT_BROKER_WEBHOOK_*_WHITELIST`). */
export interface WebhookSettings {
  /** Host names, `*.domain` patterns, IPs or CIDR ranges; empty: any host, but never internal addresses. */
  hostWhitelist: readonly string[];
  /** URL schemes, `https` by default. */
  schemeWhitelist: readonly string[];
  /** HTTP methods; the Ruby broker's `webhook_http_method_whitelist` default, not configurable here. */
  httpMethodWhitelist: readonly string[];
  /** Longest wait for a webhook's answer. */
  deliveryTimeoutMs: number;
  /** Where the server answering for this broker listens, read at each delivery (known only once it listens). */
  ownEndpoints: () => readonly ListeningEndpoint[];
  /** The platform's key of `${user.NAME}` secrets (team issue 14); none: the broker has no secrets. */
  secretsKey?: Buffer;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  hostWhitelist: [],
  schemeWhitelist: ['https'],
  httpMethodWhitelist: ['POST'],
  deliveryTimeoutMs: 10_000,
  ownEndpoints: () => [],
};

/** The events a webhook can trigger on (RB `webhook_event.rb`); the first is the default of a body without events. */
export const WEBHOOK_EVENT_NAMES = [
  'contract_published',
  'contract_content_changed',
  'provider_verification_published',
  'provider_verification_succeeded',
  'provider_verification_failed',
  'contract_requiring_verification_published',
] as const;

export const DEFAULT_WEBHOOK_EVENT = 'contract_content_changed';

export const VERIFICATION_EVENT_NAMES: readonly string[] = [
  'provider_verification_published',
  'provider_verification_succeeded',
  'provider_verification_failed',
];
