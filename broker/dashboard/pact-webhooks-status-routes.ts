import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { integrationPactsUrl } from '../hal/index.js';
import { halJson, pathParam, type BrokerEnv, resource } from '../http/index.js';
import { requireNamedPacticipant } from '../pacticipants/index.js';
import { findLatestPact } from '../pacts/index.js';
import { findLatestTriggeredWebhooks, DEFAULT_RETRY_SCHEDULE_SECONDS } from '../webhooks/index.js';
import { decorateWebhooksStatus, type TriggeredWebhookStatus } from './pact-webhooks-status-decorator.js';

/** Attempts a delivery gets: the first and one per retry (RB `TriggeredWebhook#number_of_attempts_remaining`). */
const MAX_ATTEMPTS = DEFAULT_RETRY_SCHEDULE_SECONDS.length + 1;

/** `GET /pacts/provider/{p}/consumer/{c}/webhooks/status` (RB `pact_webhooks_status.rb`), the dashboard's `pb:webhook-status`. */
export function pactWebhooksStatusRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/pacts/provider/:provider/consumer/:consumer/webhooks/status', {
    GET: async (c) => {
      const consumerName = pathParam(c, 'consumer');
      const providerName = pathParam(c, 'provider');
      // resource_exists? (RB base_resource.rb#find_pacticipant): the consumer first, each named in the 404.
      const consumer = await requireNamedPacticipant(db, consumerName, 'consumer');
      const provider = await requireNamedPacticipant(db, providerName, 'provider');
      // As the Ruby resource: no pact between them, no triggered webhooks.
      const pact = await findLatestPact(db, { consumerName, providerName });
      const triggered = pact ? await findTriggeredWebhookStatuses(db, consumer.id, provider.id) : [];
      const baseUrl = c.get('baseUrl');
      return halJson(decorateWebhooksStatus(triggered, { consumerName, providerName, baseUrl, resourceUrl: `${integrationPactsUrl(baseUrl, consumerName, providerName)}/webhooks/status`, maxAttempts: MAX_ATTEMPTS }));
    },
  });
  return app;
}

async function findTriggeredWebhookStatuses(db: Db, consumerId: number, providerId: number): Promise<TriggeredWebhookStatus[]> {
  const rows = await findLatestTriggeredWebhooks(db, consumerId, providerId);
  return rows.map((row) => ({
    uuid: row.uuid,
    webhookUuid: row.webhook_uuid,
    status: row.status,
    triggerType: row.trigger_type,
    eventName: row.event_name,
    createdAt: row.created_at,
    request: { method: row.request_method, url: row.request_url },
    executions: Number(row.executions ?? 0),
    consumerVersionNumber: row.consumer_version_number,
  }));
}
