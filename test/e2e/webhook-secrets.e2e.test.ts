/**
 * Webhook secrets on the real platform (team issue 14): a tenant's `/secrets` through the gateway,
 * a webhook made and tested with the official CLI sending `${user.TOKEN}`'s real value to a loopback
 * listener while the CLI's output shows `********`; the platform's key file (0600), no plaintext in
 * the tenant's database or backup, and the secret still usable after that backup is restored.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackListener } from '../../broker/test-support/loopback-listener.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';

const VALUE = 'e2e-s3cr3t-token-value';
const WEBHOOK_UUID = 'secret-webhook-00001';

describe('webhook secrets through the gateway', () => {
  let started: StartedPlatform;
  const listener = new LoopbackListener('127.0.0.1');
  const url = (pathname: string) => `http://127.0.0.1:${started.port}${pathname}`;
  const base = (tenant: string) => url(`/t/${tenant}`);
  const createTenant = async (name: string) => {
    const answer = await fetch(url('/api/tenants'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] }),
    });
    expect(answer.status, await answer.clone().text()).toBe(201);
  };
  const testWebhook = async (tenant: string) => {
    const before = listener.received.length;
    const tested = await pactBroker(['test-webhook', '--uuid', WEBHOOK_UUID, '-b', base(tenant)]);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    return { output: tested.stdout + tested.stderr, received: listener.received.slice(before) };
  };

  beforeAll(async () => {
    await listener.start();
    started = await startPlatform();
    await createTenant('seca');
    await createTenant('secb');
  });

  afterAll(async () => {
    await started?.close();
    await listener.stop();
  });

  it('sends the real value, shows ******** to the CLI, and keeps the value encrypted on disk', async () => {
    const created = await fetch(`${base('seca')}/secrets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/hal+json' },
      body: JSON.stringify({ name: 'TOKEN', description: 'CI token', value: VALUE }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await created.text()).not.toContain(VALUE);

    const pactDir = path.join(started.dataDir, 'pacts');
    await writePactFile(pactDir, 'Web', 'Orders');
    expect((await pactBroker(['publish', pactDir, '--consumer-app-version', '1.0.0', '--branch', 'main', '-b', base('seca')])).code).toBe(0);
    const webhook = await pactBroker([
      'create-or-update-webhook', `http://127.0.0.1:${listener.port}/build`, '--uuid', WEBHOOK_UUID, '--request', 'POST',
      '--header', 'Content-Type: application/json', 'X-Ci-Key: ${user.TOKEN}',
      '--data', '{"key":"${user.TOKEN}"}', '--provider', 'Orders', '--contract-content-changed', '-b', base('seca'),
    ]);
    expect(webhook.code, webhook.stdout + webhook.stderr).toBe(0);

    const { output, received } = await testWebhook('seca');
    expect(received.map((request) => [request.headers['x-ci-key'], request.body])).toEqual([[VALUE, `{"key":"${VALUE}"}`]]);
    expect(output).toContain('"success":true');
    expect(output).toContain('x-ci-key: ********');
    expect(output).not.toContain(VALUE);

    expect((await stat(path.join(started.dataDir, 'secrets.key'))).mode & 0o777).toBe(0o600);
    const tenantDir = path.join(started.dataDir, 'tenants', 'seca');
    for (const file of await readdir(tenantDir)) {
      if (file.startsWith('broker.sqlite')) expect((await readFile(path.join(tenantDir, file))).includes(VALUE), file).toBe(false);
    }
  });

  it('carries the secret, still encrypted, through a backup restored into another tenant', async () => {
    const backup = Buffer.from(await (await fetch(url('/api/tenants/seca/backup'))).arrayBuffer());
    expect(backup.length).toBeGreaterThan(0);
    expect(backup.includes(VALUE)).toBe(false);
    expect(backup.includes('"name":"TOKEN"')).toBe(true);
    const restored = await fetch(url('/api/tenants/secb/restore'), { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: backup });
    expect(restored.status, await restored.clone().text()).toBe(200);

    const { output, received } = await testWebhook('secb');
    expect(received.map((request) => request.headers['x-ci-key'])).toEqual([VALUE]);
    expect(output).not.toContain(VALUE);
  });
});
