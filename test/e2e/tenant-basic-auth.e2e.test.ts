/**
 * Tenants whose broker has basic auth, on both runtimes: created and started through the platform
 * (its readiness checks carry the credentials), used with the official CLI through the gateway,
 * shown on the dashboard with their counts, and never showing their passwords.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';

const run = randomBytes(3).toString('hex');
const tenants = { embedded: `au${run}-e`, docker: `au${run}-d` };
const withDocker = provided('docker');
const basicAuth = { username: 'ci', password: 'ci-secret-1', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret-1' };

describe('tenants with basic auth', () => {
  let started: StartedPlatform;
  let pactDir: string;
  const url = (pathname: string) => `http://127.0.0.1:${started.port}${pathname}`;
  const createTenant = (body: unknown) => fetch(url('/api/tenants'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const publish = (tenant: string, version: string, ...credentials: string[]) =>
    pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '-b', url(`/t/${tenant}`), ...credentials]);

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-auth-'));
    await writePactFile(pactDir, 'Web', 'Orders');
    started = await startPlatform({ PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' });
  });

  afterAll(async () => {
    await started?.close();
    if (withDocker) await removeTenantObjects(new Dockerode(), [tenants.docker]);
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  it('refuses a bad basicAuth with a sentence, and creates nothing', async () => {
    const refused = await createTenant({ name: tenants.embedded, basicAuth: { username: 'ci', password: 'short' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toBe('"basicAuth.password" must be a password of 8 to 200 characters on one line.');
    expect((await fetch(url(`/api/tenants/${tenants.embedded}`))).status).toBe(404);
  });

  describe.each([
    ['embedded', true],
    ['docker', withDocker],
  ] as const)('on the %s runtime', (runtime, available) => {
    const name = tenants[runtime];

    it.runIf(available)('starts with its credentials checked, and shows who may do what but no password', async () => {
      const created = await createTenant({ name, runtime, basicAuth });
      const body = await created.text();
      expect(created.status, body).toBe(201);
      expect(JSON.parse(body)).toMatchObject({ state: 'running', basicAuth: { username: 'ci', readOnlyUsername: 'dev', allowPublicRead: false, publicHeartbeat: false } });
      expect(body).not.toContain('secret');
      expect(await (await fetch(url('/api/tenants'))).text()).not.toContain('secret');
    });

    it.runIf(available)('takes pacts from the read/write user only, through the gateway', async () => {
      const anonymous = await fetch(url(`/t/${name}/`), { headers: { Accept: 'application/hal+json' } });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Restricted area"');
      const refused = await publish(name, '1.0.0', '--broker-username', 'dev', '--broker-password', 'dev-secret-1');
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toContain('401 Unauthorized');
      const published = await publish(name, '1.0.0', '--broker-username', 'ci', '--broker-password', 'ci-secret-1');
      expect(published.code, published.stdout + published.stderr).toBe(0);
      const read = await pactBroker(['list-latest-pact-versions', '-b', url(`/t/${name}`), '--broker-username', 'dev', '--broker-password', 'dev-secret-1']);
      expect(read.code).toBe(0);
      expect(read.stdout).toContain('"Web"');
    });

    it.runIf(available)('shows its heartbeat and counts on the dashboard, and a publish command with a user', async () => {
      const page = await (await fetch(url(`/tenants/${name}`), { headers: { Accept: 'text/html' } })).text();
      expect(page).toMatch(/answers 200 \(\d+ ms\)/);
      expect(page).toContain('<strong data-count="pact-versions">1</strong>');
      expect(page).toContain('basic auth: “ci” may publish, “dev” may read; badges are public');
      expect(page).toContain('--broker-username ci --broker-password &quot;$PACT_BROKER_PASSWORD&quot;');
      expect(page).not.toContain('secret');
    });
  });

  it('brings the embedded tenant back after a restart, still closed to anonymous writes', async () => {
    await started.platform.stop('SIGTERM');
    await started.platform.start();
    const tenant = (await (await fetch(url(`/api/tenants/${tenants.embedded}`))).json()) as { state: string };
    expect(tenant.state).toBe('running');
    expect((await publish(tenants.embedded, '1.0.1')).code).toBe(1);
    expect((await publish(tenants.embedded, '1.0.1', '--broker-username', 'ci', '--broker-password', 'ci-secret-1')).code).toBe(0);
  });
});
