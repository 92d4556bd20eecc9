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
import { freePort, PlatformProcess, temporaryDataDir } from '../support/platform-process.js';

describe('webhooks through the gateway, with per-tenant allow-lists', () => {
  let port: number;
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  let platform: PlatformProcess;
  let listener: http.Server;
  let listenerPort: number;
  const received: Array<{ method?: string; url?: string; body: string }> = [];
  const base = (tenant: string) => `http://127.0.0.1:${port}/t/${tenant}`;
  const createTenant = (body: Record<string, unknown>) =>
    httpRequest(port, { method: 'POST', path: '/api/tenants', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    listener = http.createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerPort = (listener.address() as AddressInfo).port;
    port = await freePort();
    data = await temporaryDataDir();
    platform = new PlatformProcess(port, data.dir);
    await platform.start();
    expect((await createTenant({ name: 'hooked', webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] })).status).toBe(201);
    expect((await createTenant({ name: 'guarded', webhookSchemeWhitelist: ['http'] })).status).toBe(201);
  });

  afterAll(async () => {
    await platform?.stop('SIGKILL');
    await new Promise((resolve) => listener?.close(resolve));
    await data?.remove();
  });

  async function webhookFor(tenant: string, uuid: string): Promise<void> {
    await writePactFile(path.join(data.dir, tenant), 'Web', 'Orders');
    expect((await pactBroker(['publish', path.join(data.dir, tenant), '--consumer-app-version', '1.2.3', '--branch', 'main', '-b', base(tenant)])).code).toBe(0);
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

  it('links the execute relation through the gateway and deletes through the CLI', async () => {
    const webhook = await httpRequest(port, { path: '/t/hooked/webhooks/hooked-webhook-0001', host: `127.0.0.1:${port}` });
    expect(webhook.json()._links['pb:execute'].href).toBe(`${base('hooked')}/webhooks/hooked-webhook-0001/execute`);
    expect((await pactBroker(['delete-webhook', '--uuid', 'hooked-webhook-0001', '-b', base('hooked')])).code).toBe(0);
    expect((await httpRequest(port, { path: '/t/hooked/webhooks/hooked-webhook-0001', host: `127.0.0.1:${port}` })).status).toBe(404);
  });
});
