import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoopbackListener } from '../test-support/loopback-listener.js';
import { publishPact } from '../test-support/provider-pacts-fixture.js';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const STATUS_PATH = '/pacts/provider/Bar/consumer/Foo/webhooks/status';

/** The links every answer has (RB pact_webhooks_status_decorator.rb). */
const INTEGRATION_LINKS = {
  self: { href: `${BASE}${STATUS_PATH}`, title: 'Webhooks status' },
  'pb:pact-webhooks': { title: 'Webhooks for the pact between Foo and Bar', href: `${BASE}/pacts/provider/Bar/consumer/Foo/webhooks` },
  'pb:consumer': { href: `${BASE}/pacticipants/Foo`, title: 'Consumer', name: 'Foo' },
  'pb:provider': { href: `${BASE}/pacticipants/Bar`, title: 'Provider', name: 'Bar' },
};

describeOnEachDatabase((database) => {
  // The default retry schedule: a refused delivery stays `retrying` (next attempt in 10 s) while the test reads it.
  const t = useTestBroker(database, { webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'], webhookPollIntervalMs: 20 });
  const listener = new LoopbackListener('127.0.0.1');
  beforeEach(async () => {
    await listener.start();
  });
  afterEach(() => listener.stop());

  async function createWebhook(url: string): Promise<string> {
    const body = { events: [{ name: 'contract_published' }], request: { method: 'POST', url, body: { hello: 'world' } } };
    const created = await t.json('POST', '/pacts/provider/Bar/consumer/Foo/webhooks', { body });
    expect(created.status).toBe(201);
    return dig(created.body, 'uuid') as string;
  }

  /** Polls the status until every triggered webhook was attempted (no timing asserted). */
  async function settledStatus(count: number): Promise<unknown> {
    for (let tries = 0; tries < 500; tries += 1) {
      const { body } = await t.json('GET', STATUS_PATH);
      const triggered = (dig(body, '_embedded', 'triggeredWebhooks') as { attemptsMade: number }[]) ?? [];
      if (triggered.length === count && triggered.every((row) => row.attemptsMade > 0)) return body;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`The ${count} triggered webhooks were never all attempted`);
  }

  describe('GET /pacts/provider/{p}/consumer/{c}/webhooks/status', () => {
    it('answers 404 for pacticipants that do not exist, an empty summary before any webhook ran', async () => {
      expect(await t.json('GET', STATUS_PATH)).toMatchObject({ status: 404, body: { error: "No consumer with name 'Foo' found" } });
      await publishPact(t, { consumer: 'Foo', version: '1', provider: 'Bar', branch: 'main' });
      expect(await t.json('GET', '/pacts/provider/Nope/consumer/Foo/webhooks/status')).toMatchObject({ status: 404, body: { error: "No provider with name 'Nope' found" } });
      const { status, headers, body } = await t.json('GET', STATUS_PATH);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(body).toEqual({ summary: { successful: 0, failed: 0 }, _embedded: { triggeredWebhooks: [] }, _links: { ...INTEGRATION_LINKS, 'pb:error-logs': [] } });
    });

    it('counts the latest triggered webhook of each webhook, links the logs of those that failed and the pact that triggered them', async () => {
      await publishPact(t, { consumer: 'Foo', version: '1', provider: 'Bar', branch: 'main' });
      const reached = await createWebhook(`http://127.0.0.1:${listener.port}/hooks`);
      const refused = await createWebhook('http://127.0.0.1:1/hooks');
      await publishPact(t, { consumer: 'Foo', version: '2', provider: 'Bar', branch: 'main' });
      const body = await settledStatus(2);
      const triggered = dig(body, '_embedded', 'triggeredWebhooks') as Record<string, unknown>[];
      const retrying = triggered.find((row) => row.status === 'retrying');
      const logsOf = (row: Record<string, unknown> | undefined) => String(dig(row, '_links', 'pb:logs', 'href'));
      expect(body).toEqual({
        summary: { successful: 1, failed: 0, retrying: 1 },
        _embedded: { triggeredWebhooks: expect.any(Array) },
        _links: {
          ...INTEGRATION_LINKS,
          'pb:error-logs': [{ href: logsOf(retrying), title: 'Error logs', name: 'POST 127.0.0.1' }],
          'pb:pact-version': { href: `${BASE}/pacts/provider/Bar/consumer/Foo/version/2`, title: 'Pact', name: 'Pact between Foo (2) and Bar' },
        },
      });
      expect(triggered.map((row) => [dig(row, '_links', 'pb:webhook', 'href'), row.status])).toEqual([
        [`${BASE}/webhooks/${reached}`, 'success'],
        [`${BASE}/webhooks/${refused}`, 'retrying'],
      ]);
      expect(retrying).toEqual({
        name: 'POST 127.0.0.1',
        status: 'retrying',
        attemptsMade: 1,
        attemptsRemaining: 6,
        triggerType: 'resource_creation',
        eventName: 'contract_published',
        triggeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
        _links: {
          'pb:logs': { href: expect.stringMatching(new RegExp(`^${BASE}/triggered-webhooks/[\\w-]+/logs$`)), title: 'Webhook execution logs', name: 'POST 127.0.0.1' },
          logs: { href: logsOf(retrying), title: 'DEPRECATED - Use pb:logs', name: 'POST 127.0.0.1' },
          'pb:webhook': { href: `${BASE}/webhooks/${refused}`, title: 'Webhook', name: 'POST 127.0.0.1' },
        },
      });
      expect(triggered[0]).toMatchObject({ attemptsMade: 1, attemptsRemaining: 0 });
      expect((await t.json('GET', logsOf(retrying).slice(BASE.length))).status).toBe(200);
    });
  });
});
