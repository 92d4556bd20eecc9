import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBroker, type Broker, type BrokerOptions } from '../broker.js';
import { BASE, dig, pactDocument, publishBody } from '../test-support/test-broker.js';
import { createTestDatabase, describeOnEachDatabase, type TestDatabase } from '../test-support/test-database.js';
import { NOT_EXECUTED_YET, prefersText } from './triggered-webhook-routes.js';

/** What the webhook target received. */
interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, string>;
}

/** A real HTTP target on 127.0.0.1 answering the queued statuses in turn, then 200. */
class Target {
  received: Received[] = [];
  statuses: number[] = [];
  private server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      this.received.push({ path: request.url ?? '', headers: request.headers, body: text ? (JSON.parse(text) as Record<string, string>) : {} });
      response.writeHead(this.statuses.shift() ?? 200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  async start(): Promise<void> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
  }
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  to(path: string): Received[] {
    return this.received.filter((request) => request.path.startsWith(path));
  }
  async stop(): Promise<void> {
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** Polls until the check returns a value (not undefined/false), failing with the last state after the timeout. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

type Client = { broker: Broker; json(method: string, path: string, body?: unknown, accept?: string): Promise<{ status: number; body: unknown; text: string; type: string | null }> };

async function open(url: string, options: Partial<BrokerOptions> = {}): Promise<Client> {
  const broker = await openBroker({
    databaseUrl: url,
    webhookHostWhitelist: ['127.0.0.1'],
    webhookSchemeWhitelist: ['http'],
    webhookPollIntervalMs: 20,
    webhookRetrySchedule: [0.05],
    ...options,
  });
  return {
    broker,
    async json(method, path, body, accept = 'application/hal+json, application/json') {
      const response = await broker.fetch(
        new Request(BASE + path, {
          method,
          headers: { accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      const text = await response.text();
      const parsed: unknown = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
      return { status: response.status, body: parsed, text, type: response.headers.get('content-type') };
    },
  };
}

const RENDERED_BODY = {
  event: '${pactbroker.eventName}',
  consumer: '${pactbroker.consumerName}',
  provider: '${pactbroker.providerName}',
  consumerVersion: '${pactbroker.consumerVersionNumber}',
  consumerVersionBranch: '${pactbroker.consumerVersionBranch}',
  pactUrl: '${pactbroker.pactUrl}',
  providerVersion: '${pactbroker.providerVersionNumber}',
  github: '${pactbroker.githubVerificationStatus}',
  verificationResultUrl: '${pactbroker.verificationResultUrl}',
  buildUrl: '${pactbroker.buildUrl}',
};

function webhookBody(target: Target, path: string, events: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    description: `hook ${path}`,
    events: events.map((name) => ({ name })),
    request: { method: 'POST', url: `${target.url}${path}?consumer=\${pactbroker.consumerName}`, headers: { 'Content-Type': 'application/json' }, body: RENDERED_BODY },
    ...extra,
  };
}

/** The triggered webhook uuids named by the publish notices, with their event names. */
function triggeredIn(body: unknown): { uuid: string; eventName: string; description: string }[] {
  const notices = (dig(body, 'notices') as { text: string }[]) ?? [];
  return notices.flatMap(({ text }) => {
    const match = /Webhook "(.*)" triggered for event (\w+)\.\n {4}View logs at http:\/\/broker\.test\/triggered-webhooks\/([\w-]+)\/logs/.exec(text);
    return match ? [{ description: match[1] ?? '', eventName: match[2] ?? '', uuid: match[3] ?? '' }] : [];
  });
}

/** Waits until each triggered webhook has at least `count` executions; returns their logs documents. */
async function executionsOf(client: Client, uuids: string[], count = 1): Promise<unknown[]> {
  return waitFor(`${count} execution(s) of ${uuids.join(', ')}`, async () => {
    const documents = await Promise.all(uuids.map(async (uuid) => (await client.json('GET', `/triggered-webhooks/${uuid}/logs`)).body));
    return documents.every((document) => ((dig(document, 'executions') as unknown[] | undefined)?.length ?? 0) >= count) && documents;
  });
}

describe('prefersText (webmachine media type choice, text/plain first)', () => {
  it.each([
    [undefined, true],
    ['*/*', true],
    ['text/plain', true],
    ['application/hal+json', false],
    ['application/hal+json, application/json', false],
    ['application/hal+json;q=0.5, text/plain', true],
    ['text/plain;q=0.1, application/hal+json', false],
  ])('Accept %s → text: %s', (accept, text) => {
    expect(prefersText(accept)).toBe(text);
  });
});

describeOnEachDatabase((database) => {
  let target: Target;
  let testDatabase: TestDatabase;
  const clients: Client[] = [];
  const client = async (options: Partial<BrokerOptions> = {}) => {
    const opened = await open(testDatabase.url, options);
    clients.push(opened);
    return opened;
  };

  beforeEach(async () => {
    target = new Target();
    await target.start();
    testDatabase = await createTestDatabase(database);
  });
  afterEach(async () => {
    for (const opened of clients.splice(0)) await opened.broker.close();
    await target.stop();
    await testDatabase.drop();
  });

  it('delivers contract_published and contract_content_changed with rendered parameters, and names them in the notices', async () => {
    const t = await client();
    await t.json('POST', '/webhooks', webhookBody(target, '/changed', ['contract_content_changed']));
    await t.json('POST', '/webhooks', webhookBody(target, '/published', ['contract_published']));
    const published = await t.json('POST', '/contracts/publish', publishBody());
    expect(published.status).toBe(200);
    const triggered = triggeredIn(published.body);
    expect(triggered.map((entry) => [entry.description, entry.eventName])).toEqual([
      ['hook /published', 'contract_published'],
      ['hook /changed', 'contract_content_changed'],
    ]);
    await executionsOf(t, triggered.map((entry) => entry.uuid));
    expect(target.received).toHaveLength(2);
    const [changed] = target.to('/changed');
    expect(changed?.path).toBe('/changed?consumer=Foo');
    expect(changed?.body).toMatchObject({ event: 'contract_content_changed', consumer: 'Foo', provider: 'Bar', consumerVersion: '1.0.0', consumerVersionBranch: 'main', github: 'pending' });
    expect(changed?.body.pactUrl).toMatch(/^http:\/\/broker\.test\/pacts\/provider\/Bar\/consumer\/Foo\/pact-version\/[0-9a-f]{40}\/metadata\/\w+/);
    expect(target.to('/published')[0]?.body.event).toBe('contract_published');

    // The same content from the next version: published, but not changed.
    const again = await t.json('POST', '/contracts/publish', publishBody({ pacticipantVersionNumber: '1.0.1' }));
    const second = triggeredIn(again.body);
    expect(second.map((entry) => entry.eventName)).toEqual(['contract_published']);
    await executionsOf(t, second.map((entry) => entry.uuid));
    expect(target.to('/changed')).toHaveLength(1);
    expect(target.to('/published').map((request) => request.body.consumerVersion)).toEqual(['1.0.0', '1.0.1']);
  });

  it('delivers provider_verification_published and _failed/_succeeded with the verification status', async () => {
    const t = await client();
    await t.json('POST', '/contracts/publish', publishBody());
    await t.json('POST', '/webhooks', webhookBody(target, '/verified', ['provider_verification_published', 'provider_verification_succeeded', 'provider_verification_failed']));
    const pact = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0');
    const resultsPath = (dig(pact.body, '_links', 'pb:publish-verification-results', 'href') as string).slice(BASE.length);
    const post = (success: boolean, providerVersion: string) =>
      t.json('POST', resultsPath, {
        success,
        providerApplicationVersion: providerVersion,
        buildUrl: 'http://ci/99',
        verifiedBy: { implementation: 'Pact-Rust', version: '1.4.8' },
        testResults: [],
      });
    expect((await post(false, '2.0.0')).status).toBe(201);
    await waitFor('two deliveries', () => target.received.length >= 2);
    expect((await post(true, '2.0.1')).status).toBe(201);
    await waitFor('four deliveries', () => target.received.length >= 4);
    const seen = target.received.map((request) => [request.body.event, request.body.providerVersion, request.body.github]).sort();
    expect(seen).toEqual([
      ['provider_verification_failed', '2.0.0', 'failure'],
      ['provider_verification_published', '2.0.0', 'failure'],
      ['provider_verification_published', '2.0.1', 'success'],
      ['provider_verification_succeeded', '2.0.1', 'success'],
    ]);
    expect(target.received[0]?.body.verificationResultUrl).toMatch(/\/pact-version\/[0-9a-f]{40}\/verification-results\/\d+$/);
    expect(target.received[0]?.body.buildUrl).toBe('http://ci/99');
  });

  it('retries a failed delivery by the schedule and shows every attempt in the logs', async () => {
    const t = await client({ webhookRetrySchedule: [0.05, 0.05] });
    target.statuses = [500];
    await t.json('POST', '/webhooks', webhookBody(target, '/flaky', ['contract_published']));
    const [triggered] = triggeredIn((await t.json('POST', '/contracts/publish', publishBody())).body);
    const uuid = triggered?.uuid ?? '';
    const [logs] = await executionsOf(t, [uuid], 2);
    const executions = dig(logs, 'executions') as { success: boolean; logs: string }[];
    expect(executions.map((execution) => execution.success)).toEqual([false, true]);
    expect(executions[0]?.logs).toContain('HTTP/1.1 500 Internal Server Error');
    expect(executions[0]?.logs).toContain('Retrying webhook in 0.05 seconds');
    expect(executions[1]?.logs).toContain('Successfully executed webhook');
    expect(logs).toMatchObject({ eventName: 'contract_published', consumerName: 'Foo', providerName: 'Bar', _embedded: { triggeredWebhook: { uuid } } });
    const text = await t.json('GET', `/triggered-webhooks/${uuid}/logs`, undefined, 'text/plain');
    expect(text.type).toBe('text/plain;charset=utf-8');
    expect(text.text).toBe(`${executions[0]?.logs}\n${executions[1]?.logs}`);
    expect(target.to('/flaky')).toHaveLength(2);
  });

  it('retries when the retry is due, with no poll and no write in between', async () => {
    // Team issue 13 (density): the worker sleeps until its next row is due; a poll interval far beyond the wait proves it.
    const t = await client({ webhookRetrySchedule: [0.05], webhookPollIntervalMs: 600_000 });
    target.statuses = [500];
    await t.json('POST', '/webhooks', webhookBody(target, '/sleeper', ['contract_published']));
    const [triggered] = triggeredIn((await t.json('POST', '/contracts/publish', publishBody())).body);
    const [logs] = await executionsOf(t, [triggered?.uuid ?? ''], 2);
    expect((dig(logs, 'executions') as { success: boolean }[]).map((execution) => execution.success)).toEqual([false, true]);
    expect(target.to('/sleeper')).toHaveLength(2);
  });

  it('gives up after the last retry', async () => {
    const t = await client({ webhookRetrySchedule: [0.01] });
    target.statuses = [500, 503];
    await t.json('POST', '/webhooks', webhookBody(target, '/down', ['contract_published']));
    const [triggered] = triggeredIn((await t.json('POST', '/contracts/publish', publishBody())).body);
    const [logs] = await executionsOf(t, [triggered?.uuid ?? ''], 2);
    const executions = dig(logs, 'executions') as { success: boolean; logs: string }[];
    expect(executions.map((execution) => execution.success)).toEqual([false, false]);
    expect(executions[1]?.logs).toContain('Webhook execution failed after 2 attempts');
  });

  it('answers 404 for an unknown triggered webhook, and the Ruby text before any execution', async () => {
    const t = await client({ webhookDelivery: false });
    expect((await t.json('GET', '/triggered-webhooks/nope/logs')).status).toBe(404);
    await t.json('POST', '/webhooks', webhookBody(target, '/later', ['contract_published']));
    const [triggered] = triggeredIn((await t.json('POST', '/contracts/publish', publishBody())).body);
    expect((await t.json('GET', `/triggered-webhooks/${triggered?.uuid ?? ''}/logs`, undefined, '*/*')).text).toBe(NOT_EXECUTED_YET);
  });

  it('delivers after a restart what was queued before it', async () => {
    const first = await client({ webhookDelivery: false });
    await first.json('POST', '/webhooks', webhookBody(target, '/restart', ['contract_published']));
    const [triggered] = triggeredIn((await first.json('POST', '/contracts/publish', publishBody())).body);
    expect(triggered?.eventName).toBe('contract_published');
    await first.broker.close();
    expect(target.received).toHaveLength(0);
    const second = await client();
    await executionsOf(second, [triggered?.uuid ?? '']);
    expect(target.to('/restart').map((request) => request.body.event)).toEqual(['contract_published']);
  });

  it('delivers each queued row once when two brokers share the database', async () => {
    const a = await client({ webhookDelivery: false });
    await a.json('POST', '/webhooks', webhookBody(target, '/shared', ['contract_published']));
    const uuids: string[] = [];
    for (let version = 1; version <= 6; version++) {
      const published = await a.json('POST', '/contracts/publish', publishBody({ pacticipantVersionNumber: `${version}` }));
      uuids.push(...triggeredIn(published.body).map((entry) => entry.uuid));
    }
    expect(uuids).toHaveLength(6);
    await a.broker.close();
    const b = await client({ webhookPollIntervalMs: 5 });
    const c = await client({ webhookPollIntervalMs: 5 });
    await executionsOf(b, uuids);
    expect(target.to('/shared').map((request) => request.body.consumerVersion).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    const documents = await Promise.all(uuids.map(async (uuid) => (await c.json('GET', `/triggered-webhooks/${uuid}/logs`)).body));
    expect(documents.map((document) => (dig(document, 'executions') as unknown[]).length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('triggers no disabled webhook and only those of the pact’s consumer and provider', async () => {
    const t = await client();
    await t.json('POST', '/contracts/publish', publishBody({}, pactDocument('Other', 'Bar')));
    await t.json('POST', '/webhooks', webhookBody(target, '/disabled', ['contract_published'], { enabled: false }));
    await t.json('POST', '/webhooks', webhookBody(target, '/other', ['contract_published'], { consumer: { name: 'Other' } }));
    await t.json('POST', '/webhooks', webhookBody(target, '/enabled', ['contract_published']));
    const published = await t.json('POST', '/contracts/publish', publishBody());
    const triggered = triggeredIn(published.body);
    expect(triggered.map((entry) => entry.description)).toEqual(['hook /enabled']);
    await executionsOf(t, triggered.map((entry) => entry.uuid));
    expect(target.received.map((request) => request.path)).toEqual(['/enabled?consumer=Foo']);
  });

  it('queues nothing for a publication that is refused', async () => {
    const t = await client();
    await t.json('POST', '/webhooks', webhookBody(target, '/refused', ['contract_published']));
    const first = await t.json('POST', '/contracts/publish', publishBody());
    await executionsOf(t, triggeredIn(first.body).map((entry) => entry.uuid));
    const conflict = await t.json('POST', '/contracts/publish', publishBody({}, pactDocument('Foo', 'Bar', ['something else'])));
    expect(conflict.status).toBe(409);
    // A later publication's delivery proves the worker ran past anything the refused one could have queued.
    const later = await t.json('POST', '/contracts/publish', publishBody({ pacticipantVersionNumber: '2' }));
    await executionsOf(t, triggeredIn(later.body).map((entry) => entry.uuid));
    expect(target.received.map((request) => request.body.consumerVersion)).toEqual(['1.0.0', '2']);
  });
});
