/**
 * Webhook management through the gateway with the official CLI, and the platform's per-tenant
 * allow-lists reaching the broker: a tenant that allow-lists 127.0.0.1 delivers a test run to a
 * listener there; a tenant without an allow-list refuses to reach loopback.
 */
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { until } from '../support/until.js';

describe('webhooks through the gateway, with per-tenant allow-lists', () => {
  let started: StartedPlatform;
  let port: number;
  let dataDir: string;
  let listener: http.Server;
  let listenerPort: number;
  const received: Array<{ method?: string; url?: string; body: string }> = [];
  /** Statuses the listener answers next, in order; 200 once they are used up. */
  const nextStatuses: number[] = [];
  const base = (tenant: string) => `http://127.0.0.1:${port}/t/${tenant}`;
  const createTenant = (body: Record<string, unknown>) =>
    httpRequest(port, { method: 'POST', path: '/api/tenants', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    listener = http.createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body });
        res.writeHead(nextStatuses.shift() ?? 200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerPort = (listener.address() as AddressInfo).port;
    started = await startPlatform();
    ({ port, dataDir } = started);
    expect((await createTenant({ name: 'hooked', webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] })).status).toBe(201);
    expect((await createTenant({ name: 'guarded', webhookSchemeWhitelist: ['http'] })).status).toBe(201);
    const loopback = ['127.0.0.1', '::1', 'localhost'];
    expect((await createTenant({ name: 'insider', webhookHostWhitelist: loopback, webhookSchemeWhitelist: ['http'] })).status).toBe(201);
  });

  afterAll(async () => {
    await started?.close();
    await new Promise((resolve) => listener?.close(resolve));
  });

  async function webhookFor(tenant: string, uuid: string): Promise<void> {
    await writePactFile(path.join(dataDir, tenant), 'Web', 'Orders');
    expect((await pactBroker(['publish', path.join(dataDir, tenant), '--consumer-app-version', '1.2.3', '--branch', 'main', '-b', base(tenant)])).code).toBe(0);
    const created = await pactBroker([
      'create-or-update-webhook', `http://127.0.0.1:${listenerPort}/build/\${pactbroker.consumerName}`,
      '--uuid', uuid, '--request', 'POST', '--header', 'Content-Type: application/json',
      '--data', '{"version":"${pactbroker.consumerVersionNumber}"}', '--provider', 'Orders', '--contract-content-changed',
      '-b', base(tenant),
    ]);
    expect(created.code, created.stdout + created.stderr).toBe(0);
  }

  it('delivers a test run to an allow-listed listener, rendering the template', async () => {
    await webhookFor('hooked', 'hooked-webhook-0001');
    const tested = await pactBroker(['test-webhook', '--uuid', 'hooked-webhook-0001', '-b', base('hooked')]);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('"success":true');
    expect(received).toContainEqual({ method: 'POST', url: '/build/Web', body: '{"version":"1.2.3"}' });
  });

  it('refuses to reach loopback for a tenant without a host allow-list', async () => {
    const before = received.length;
    await webhookFor('guarded', 'guarded-webhook-001');
    const tested = await pactBroker(['test-webhook', '--uuid', 'guarded-webhook-001', '-b', base('guarded')]);
    expect(tested.stdout).toContain('"success":false');
    expect(tested.stdout).toContain('Webhook request to 127.0.0.1 refused: it resolves to 127.0.0.1, a loopback address.');
    expect(received.length).toBe(before);
  });

  // Issue 11: a tenant user once stopped another tenant this way, on a platform without an admin token.
  it("never reaches the platform's own gateway, even from a tenant that allow-lists loopback", async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      const stopGuarded = { method: 'POST', url: `http://${host}:${port}/api/tenants/guarded/stop`, headers: { 'Content-Type': 'application/json' }, body: {} };
      const executed = await httpRequest(port, {
        method: 'POST', path: '/t/insider/webhooks/execute', host: `127.0.0.1:${port}`,
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ request: stopGuarded }),
      });
      expect(executed.json(), host).toMatchObject({ success: false, error: { message: expect.stringMatching(new RegExp(` refused: port ${port} of .+ is where this broker's own server listens`)) } });
    }
    expect((await httpRequest(port, { path: '/api/tenants/guarded', host: `127.0.0.1:${port}` })).json()).toMatchObject({ state: 'running' });
  });

  it('links the execute relation through the gateway and deletes through the CLI', async () => {
    const webhook = await httpRequest(port, { path: '/t/hooked/webhooks/hooked-webhook-0001', host: `127.0.0.1:${port}` });
    expect(webhook.json()._links['pb:execute'].href).toBe(`${base('hooked')}/webhooks/hooked-webhook-0001/execute`);
    expect((await pactBroker(['delete-webhook', '--uuid', 'hooked-webhook-0001', '-b', base('hooked')])).code).toBe(0);
    expect((await httpRequest(port, { path: '/t/hooked/webhooks/hooked-webhook-0001', host: `127.0.0.1:${port}` })).status).toBe(404);
  });

  it('delivers on events; a delivery that failed before a SIGKILL is retried after the restart, with both logs', async () => {
    const hook = await pactBroker([
      'create-or-update-webhook', `http://127.0.0.1:${listenerPort}/events/\${pactbroker.eventName}`,
      '--uuid', 'hooked-events-00001', '--request', 'POST', '--header', 'Content-Type: application/json',
      '--data', '{"consumer":"${pactbroker.consumerName}","version":"${pactbroker.consumerVersionNumber}","status":"${pactbroker.githubVerificationStatus}","branch":"${pactbroker.providerVersionBranch}"}',
      '--provider', 'Orders', '--contract-content-changed', '--provider-verification-published', '-b', base('hooked'),
    ]);
    expect(hook.code, hook.stdout + hook.stderr).toBe(0);

    nextStatuses.push(500); // the first delivery fails: the broker schedules a retry
    const changed = path.join(dataDir, 'hooked-changed');
    await writePactFile(changed, 'Web', 'Orders', 'a request for other things');
    const published = await pactBroker(['publish', changed, '--consumer-app-version', '1.3.0', '--branch', 'main', '-b', base('hooked')]);
    expect(published.stdout).toContain('Webhook hooked-events-00001 triggered for event contract_content_changed. View logs at');
    const logsUrl = /View logs at (\S+)/.exec(published.stdout)?.[1];
    expect(logsUrl).toMatch(new RegExp(`^${base('hooked').replaceAll('.', '\\.')}/triggered-webhooks/[^/]+/logs$`));
    const delivery = { method: 'POST', url: '/events/contract_content_changed', body: { consumer: 'Web', version: '1.3.0', status: 'pending', branch: '' } };
    await until('the first (failing) delivery', async () => (received.filter((r) => r.url === delivery.url).length === 1 ? true : undefined));
    // Killed only once the failure is recorded: a delivery still in flight at the kill keeps its
    // lease (delivery timeout + 60 s) before it is retried, which is another case than this one.
    const readLogs = async () => (await httpRequest(port, { path: new URL(logsUrl!).pathname, host: `127.0.0.1:${port}`, headers: { Accept: 'text/plain' } })).body;
    await until('the failure recorded with its retry', async () => ((await readLogs()).includes('Retrying webhook in 10 seconds') ? true : undefined));

    await started.platform.stop('SIGKILL');
    await started.platform.start();
    await until('the retry after the restart', async () => (received.filter((r) => r.url === delivery.url).length === 2 ? true : undefined), 60_000);
    const deliveries = received.filter((r) => r.url === delivery.url).map((r) => ({ ...r, body: JSON.parse(r.body) }));
    expect(deliveries).toEqual([delivery, delivery]);

    const logs = await readLogs();
    expect(logs).toContain('Retrying webhook in 10 seconds');
    expect(logs).toContain('Successfully executed webhook');

    // A verification result, published as the verifier does (branch first), triggers provider_verification_published.
    const branched = await httpRequest(port, {
      method: 'PUT', path: '/t/hooked/pacticipants/Orders/branches/main/versions/9.9.9', host: `127.0.0.1:${port}`,
      headers: { 'Content-Type': 'application/json' }, body: '{}',
    });
    expect(branched.status).toBe(201);
    const pact = await httpRequest(port, { path: '/t/hooked/pacts/provider/Orders/consumer/Web/version/1.3.0', host: `127.0.0.1:${port}` });
    const resultsPath = new URL(pact.json()._links['pb:publish-verification-results'].href).pathname;
    const result = await httpRequest(port, {
      method: 'POST', path: resultsPath, host: `127.0.0.1:${port}`, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ success: true, providerApplicationVersion: '9.9.9' }),
    });
    expect(result.status).toBe(201);
    await until('the verification delivery', async () =>
      received.find((r) => r.url === '/events/provider_verification_published') ? true : undefined,
    );
    const verified = received.find((r) => r.url === '/events/provider_verification_published');
    expect(JSON.parse(verified!.body)).toEqual({ consumer: 'Web', version: '1.3.0', status: 'success', branch: 'main' });
  }, 120_000); // a restart and the 10 s retry, on a loaded machine
});
