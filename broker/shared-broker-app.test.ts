import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBodyWorkerPool } from './body-work/index.js';
import { createSharedBrokerApp } from './shared-broker-app.js';
import { startTestBroker, type TestBroker } from './test-support/test-broker.js';

const AUTH = { username: 'writer', password: 'secret', allowPublicRead: false, publicHeartbeat: true, publicBadges: false };
const asWriter = { authorization: `Basic ${Buffer.from('writer:secret').toString('base64')}` };

// Team issue 13 (density): brokers answering through one app keep their own data, settings and log.
describe('brokers sharing one app', () => {
  const bodyWork = createBodyWorkerPool();
  const app = createSharedBrokerApp({ clock: () => new Date(), bodyWork });
  let open: TestBroker;
  let closed: TestBroker;

  beforeAll(async () => {
    open = await startTestBroker('sqlite', { sharedApp: app, bodyWork, maxBodyBytes: 1000, webhookSchemeWhitelist: ['http', 'https'] });
    closed = await startTestBroker('sqlite', { sharedApp: app, bodyWork, basicAuth: AUTH });
  });
  afterAll(async () => {
    await Promise.all([open?.close(), closed?.close()]);
    await bodyWork.close();
  });

  it('each reads and writes its own database, also with their requests interleaved', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `Shared${i}`);
    const created = await Promise.all(names.flatMap((name, i) => [
      open.request('POST', '/pacticipants', { body: { name, displayName: `open ${i}` } }),
      closed.request('POST', '/pacticipants', { body: { name, displayName: `closed ${i}` }, headers: asWriter }),
    ]));
    expect(created.map((response) => response.status).every((status) => status < 300)).toBe(true);
    const read = await Promise.all(names.flatMap((name) => [
      open.json('GET', `/pacticipants/${name}`),
      closed.json('GET', `/pacticipants/${name}`, { headers: asWriter }),
    ]));
    expect(read.map(({ body }) => (body as { displayName: string }).displayName)).toEqual(names.flatMap((_, i) => [`open ${i}`, `closed ${i}`]));
  });

  it('each checks its own credentials', async () => {
    expect((await closed.request('GET', '/pacticipants')).status).toBe(401);
    expect((await closed.request('GET', '/pacticipants', { headers: asWriter })).status).toBe(200);
    expect((await open.request('GET', '/pacticipants')).status).toBe(200);
  });

  it('each refuses bodies over its own limit', async () => {
    const body = { name: 'Big', displayName: 'x'.repeat(2000) };
    expect((await open.request('POST', '/pacticipants', { body })).status).toBe(413);
    expect((await closed.request('POST', '/pacticipants', { body, headers: asWriter })).status).toBe(201);
  });

  it('each checks webhooks against its own whitelists', async () => {
    const webhook = { events: [{ name: 'contract_published' }], request: { method: 'POST', url: 'http://example.com/hook' } };
    expect((await open.request('POST', '/webhooks', { body: webhook })).status).toBe(201);
    const refused = await closed.json('POST', '/webhooks', { body: webhook, headers: asWriter });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('scheme must be https');
  });

  it('each logs its requests to its own log', async () => {
    await closed.request('GET', '/pacticipants/OnlyClosed', { headers: asWriter });
    const paths = (test: TestBroker) => test.logLines.filter((line) => line.message === 'request').map((line) => line.path);
    expect(paths(closed)).toContain('/pacticipants/OnlyClosed');
    expect(paths(open)).not.toContain('/pacticipants/OnlyClosed');
  });
});
