import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { formatTime } from '../hal/index.js';
import { halJson, pathParam, type BrokerEnv, notFound, resource } from '../http/index.js';
import { findExecutions, findTriggeredWebhook } from './triggered-webhook-repository.js';
import { triggeredWebhookLogsUrl, webhookUrl } from './webhook-urls.js';

/** The Ruby broker's answer while a triggered webhook has no execution yet. */
export const NOT_EXECUTED_YET = 'Webhook has not executed yet. Please retry in a few seconds.';

/** `GET /triggered-webhooks/{uuid}/logs` (RB `triggered_webhook_logs.rb`): every attempt's logs, as text or HAL. */
export function triggeredWebhookRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/triggered-webhooks/:uuid/logs', {
    GET: async (c) => {
      const triggered = await findTriggeredWebhook(db, pathParam(c, 'uuid'));
      if (!triggered) throw notFound();
      const executions = await findExecutions(db, triggered.id);
      if (prefersText(c.req.header('accept'))) {
        const text = executions.length > 0 ? executions.map((execution) => execution.logs ?? '').join('\n') : NOT_EXECUTED_YET;
        return c.body(text, 200, { 'content-type': 'text/plain;charset=utf-8' });
      }
      const baseUrl = c.get('baseUrl');
      return halJson({
        eventName: triggered.event_name,
        consumerName: triggered.consumer_name,
        providerName: triggered.provider_name,
        _embedded: { triggeredWebhook: { uuid: triggered.uuid } },
        executions: executions.map((execution) => ({ success: execution.success === 1, logs: execution.logs, createdAt: formatTime(execution.created_at) })),
        _links: {
          self: { title: 'Triggered webhook logs', href: triggeredWebhookLogsUrl(baseUrl, triggered.uuid) },
          ...(triggered.current_webhook_uuid === null ? {} : { 'pb:webhook': { href: webhookUrl(baseUrl, triggered.current_webhook_uuid), title: 'Webhook' } }),
        },
      });
    },
  });
  return app;
}

/**
 * Webmachine's choice between the two types provided, text/plain first unless `textFirst` is false
 * (the dashboard provides HAL first): the acceptable types by falling quality, the first one matching
 * either wins; no Accept header or a bare wildcard means the first provided.
 */
export function prefersText(accept: string | undefined, textFirst = true): boolean {
  if (!accept) return textFirst;
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return { type: type.trim(), q: q === undefined ? 1 : Number(q.slice(2)), index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === 'text/plain' || type === 'text/*') return true;
    if (type === 'application/hal+json' || type === 'application/*') return false;
    if (type === '*/*') return textFirst;
  }
  return textFirst;
}
