import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, notFound, orNotFound, validationFailed, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { requireNamedPacticipant } from '../pacticipants/index.js';
import { decorateWebhook, decorateWebhooks } from './webhook-decorator.js';
import { decorateExecutionResult } from './webhook-execution-decorator.js';
import { testExecution } from './webhook-execution.js';
import { createWebhook, deleteWebhook, findWebhook, listWebhooks, nextWebhookUuid, parseWebhook, updateWebhook, type WebhookScope } from './webhook-service.js';
import type { WebhookSettings } from './webhook-settings.js';
import { webhookUrl } from './webhook-urls.js';

/** `/webhooks…` and `/pacts/provider/P/consumer/C/webhooks` (docs/broker-api.md#webhooks). */
export function webhookRoutes(db: Db, settings: WebhookSettings, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  const now = () => clock().toISOString();
  const resourceUrl = (c: BrokerContext) => c.get('baseUrl') + new URL(c.req.url).pathname.replace(/\/+$/, '');

  /** POST creating a webhook under a new uuid, a side the body leaves out taken from the path's scope. */
  const create = (scopeOf: (c: BrokerContext) => Promise<WebhookScope>) => async (c: BrokerContext) => {
    const scope = await scopeOf(c);
    const input = await parseWebhook(db, expectJsonObject(await readJsonBody(c.req.raw)), settings);
    const created = orNotFound(await createWebhook(db, nextWebhookUuid(), input, scope, now()));
    const baseUrl = c.get('baseUrl');
    return halJson(decorateWebhook(created, baseUrl), 201, { location: webhookUrl(baseUrl, created.uuid) });
  };

  /** A scoped list with POST creating in its scope (RB `pacticipant_webhooks.rb`, `pact_webhooks.rb`). */
  const scopedList = (path: string, title: string, scopeOf: (c: BrokerContext) => Promise<WebhookScope>) =>
    resource(app, path, {
      GET: async (c) => {
        const scope = await scopeOf(c);
        return halJson(decorateWebhooks(await listWebhooks(db, scope), c.get('baseUrl'), resourceUrl(c), title));
      },
      POST: create(scopeOf),
    });
  const named = (c: BrokerContext, role: 'consumer' | 'provider') => requireNamedPacticipant(db, pathParam(c, role), role);

  scopedList('/webhooks/provider/:provider/consumer/:consumer', 'Webhooks', async (c) => ({ provider: await named(c, 'provider'), consumer: await named(c, 'consumer') }));
  scopedList('/webhooks/provider/:provider', 'Webhooks', async (c) => ({ provider: await named(c, 'provider') }));
  scopedList('/webhooks/consumer/:consumer', 'Webhooks', async (c) => ({ consumer: await named(c, 'consumer') }));
  scopedList('/pacts/provider/:provider/consumer/:consumer/webhooks', 'Pact webhooks', async (c) => ({ provider: await named(c, 'provider'), consumer: await named(c, 'consumer') }));

  resource(app, '/webhooks', {
    GET: async (c) => halJson(decorateWebhooks(await listWebhooks(db), c.get('baseUrl'), resourceUrl(c), 'Webhooks')),
    POST: create(async () => ({})),
  });

  resource(app, '/webhooks/execute', {
    POST: async (c) => {
      const input = await parseWebhook(db, expectJsonObject(await readJsonBody(c.req.raw)), settings);
      const result = await testExecution(input, undefined, { db, settings, baseUrl: c.get('baseUrl'), clock });
      return halJson(decorateExecutionResult(result, undefined, c.get('baseUrl'), resourceUrl(c)));
    },
  });

  resource(app, '/webhooks/:uuid', {
    GET: async (c) => halJson(decorateWebhook(orNotFound(await findWebhook(db, pathParam(c, 'uuid'))), c.get('baseUrl'))),
    PUT: async (c) => {
      const uuid = pathParam(c, 'uuid');
      const body = expectJsonObject(await readJsonBody(c.req.raw));
      const input = await parseWebhook(db, body, settings, uuid);
      const existing = await findWebhook(db, uuid);
      const saved = existing ? await updateWebhook(db, existing, body, input, now()) : await createWebhook(db, uuid, input, {}, now());
      // Another request created or deleted it in between: the client may retry.
      if (!saved) throw validationFailed({ uuid: [`The webhook ${uuid} changed during the request; please retry.`] });
      return halJson(decorateWebhook(saved, c.get('baseUrl')), existing ? 200 : 201);
    },
    DELETE: async (c) => {
      if (!(await deleteWebhook(db, pathParam(c, 'uuid')))) throw notFound();
      return c.body(null, 204);
    },
  });

  resource(app, '/webhooks/:uuid/execute', {
    POST: async (c) => {
      const webhook = orNotFound(await findWebhook(db, pathParam(c, 'uuid')));
      const result = await testExecution(webhook, webhook.uuid, { db, settings, baseUrl: c.get('baseUrl'), clock });
      return halJson(decorateExecutionResult(result, webhook.uuid, c.get('baseUrl'), resourceUrl(c)));
    },
  });
  return app;
}
