/**
 * Scale to zero (issue 13, target 3) end to end: the real platform, a tenant with idleAfter 2 s
 * falls asleep, the official CLI's next publish wakes it (held, not 503) over intact data, and a
 * restart keeps it asleep until a request comes. Embedded, and docker on the main engine.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const run = randomBytes(3).toString('hex');
const json = { 'Content-Type': 'application/json' };
const WOKEN = 'sleeping tenant woken by a request';

function scaleToZeroCases(runtime: 'embedded' | 'docker', env: Record<string, string>, tenant: string, asleep: () => Promise<void>) {
  let started: StartedPlatform;
  let port: number;
  const api = (method: string, apiPath: string, body?: unknown) =>
    httpRequest(port, { method, path: apiPath, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const stateOf = async () => (await api('GET', `/api/tenants/${tenant}`)).json().state as string;
  const tenantGet = (tenantPath: string) => httpRequest(port, { path: tenantPath, host: `${tenant}.localhost:${port}`, headers: { Accept: 'application/hal+json' } });
  const untilSleeping = () => until(`${tenant} to sleep`, async () => ((await stateOf()) === 'sleeping' ? true : undefined), 90_000);
  const wakes = () => started.platform.output.split(WOKEN).length - 1;
  const base = () => `http://127.0.0.1:${port}/t/${tenant}`;
  const publish = async (version: string) => {
    const dir = path.join(started.dataDir, `pacts-${version}`);
    await writePactFile(dir, 'Web', 'Orders', `a request of version ${version}`);
    return pactBroker(['publish', dir, '--consumer-app-version', version, '--branch', 'main', '--broker-base-url', base()]);
  };

  beforeAll(async () => {
    started = await startPlatform(env);
    port = started.port;
  });

  afterAll(async () => {
    await started?.close();
  });

  it('creates a tenant that sleeps after 2 s without a request, shown in the API and /metrics', async () => {
    const created = await api('POST', '/api/tenants', { name: tenant, runtime, idleAfter: '2s' });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ state: 'running', idleAfter: '2s' });
    const first = await publish('1.0.0');
    expect(first.stderr + first.stdout).toContain('Pact successfully published for Web version');
    await untilSleeping();
    await asleep();
    const metrics = await api('GET', '/metrics');
    expect(metrics.body).toContain(`pactsafs_tenants{state="sleeping",runtime="${runtime}"} 1`);
  });

  it('the official CLI publishes to the sleeping tenant: held until it is awake, answered, over the data it had', async () => {
    const before = wakes();
    const second = await publish('2.0.0');
    expect(second.code).toBe(0);
    expect(second.stderr + second.stdout).toContain('Pact successfully published for Web version');
    expect(await stateOf()).toBe('running');
    expect(wakes()).toBe(before + 1);
    for (const version of ['1.0.0', '2.0.0']) {
      const pact = await tenantGet(`/pacts/provider/Orders/consumer/Web/version/${version}`);
      expect(pact.status).toBe(200);
      expect(pact.json().interactions[0].description).toBe(`a request of version ${version}`);
    }
  });

  it('requests that arrive together at a sleeping tenant share one wake, and none gets a 503', async () => {
    await untilSleeping();
    const before = wakes();
    const answers = await Promise.all(Array.from({ length: 6 }, () => tenantGet('/pacts/provider/Orders/consumer/Web/latest')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(wakes()).toBe(before + 1);
  });

  it('a restart of the platform keeps a sleeping tenant asleep, and its next request wakes it', async () => {
    await untilSleeping();
    await started.platform.stop('SIGTERM');
    await started.platform.start();
    expect(await stateOf()).toBe('sleeping');
    const latest = await tenantGet('/pacts/provider/Orders/consumer/Web/latest');
    expect(latest.status).toBe(200);
    expect(latest.json().interactions[0].description).toBe('a request of version 2.0.0');
    expect(await stateOf()).toBe('running');
  });

  it('a sleeping tenant can be stopped, started and backed up', async () => {
    await untilSleeping();
    const backup = await api('GET', `/api/tenants/${tenant}/backup`);
    expect(backup.status).toBe(200);
    expect(['sleeping', 'running']).toContain(await stateOf()); // a docker tenant's database wakes for it
    await untilSleeping();
    expect((await api('POST', `/api/tenants/${tenant}/stop`)).json().state).toBe('stopped');
    expect((await tenantGet('/')).status).toBe(503); // stopped is not sleeping: no wake
    expect((await api('POST', `/api/tenants/${tenant}/start`)).json().state).toBe('running');
    expect((await tenantGet('/pacts/provider/Orders/consumer/Web/latest')).status).toBe(200);
  });

  return { api, stateOf, tenantGet, untilSleeping, dataDir: () => started.dataDir };
}

describe('scale to zero, embedded', () => {
  const tenant = `zz${run}-emb`;
  const cases = scaleToZeroCases('embedded', {}, tenant, async () => {});

  it('a wake that fails answers 503 with the reason, and the tenant is failed with it', async () => {
    await cases.untilSleeping();
    await rm(path.join(cases.dataDir(), 'tenants', tenant, 'broker.sqlite'));
    const answer = await cases.tenantGet('/');
    expect(answer.status).toBe(503);
    expect(answer.json().detail).toMatch(new RegExp(`^Tenant "${tenant}" was sleeping and could not be woken: Its database file .* is missing`));
    const tenantNow = (await cases.api('GET', `/api/tenants/${tenant}`)).json();
    expect(tenantNow).toMatchObject({ state: 'failed', reason: expect.stringMatching(/database file .* is missing/) });
  });
});

describe.runIf(provided('docker'))('scale to zero, docker', () => {
  const docker = new Dockerode();
  const tenant = `zz${run}-dk`;
  const env = { PACTSAFS_RUNTIME: 'docker', PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' };
  scaleToZeroCases('docker', env, tenant, async () => {
    // Asleep means both containers stopped (they stop after the state is recorded: requests wait for a wake from then on).
    const running = async (role: string) => (await docker.getContainer(`pactsafs-${tenant}-${role}`).inspect()).State.Running;
    await until('both containers to stop', async () => ((await running('broker')) || (await running('db')) ? undefined : true));
  });
  afterAll(async () => {
    await removeTenantObjects(docker, [tenant, hooked]);
  });

  const hooked = `zz${run}-dkw`;
  it('keeps a docker tenant awake while its broker has a webhook delivery waiting for a retry', async () => {
    const platform = await startPlatform(env);
    try {
      const { port } = platform;
      const call = (method: string, callPath: string, body: unknown, host = `localhost:${port}`) =>
        httpRequest(port, { method, path: callPath, host, headers: json, body: JSON.stringify(body) });
      const settings = { name: hooked, runtime: 'docker', idleAfter: '2s', webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] };
      expect((await call('POST', '/api/tenants', settings)).status).toBe(201);
      // A port nothing listens on inside the broker's container: the delivery is refused for real, a retry is scheduled.
      const webhook = { events: [{ name: 'contract_published' }], request: { method: 'POST', url: 'http://127.0.0.1:1/build' } };
      expect((await call('POST', '/webhooks', webhook, `${hooked}.localhost:${port}`)).status).toBe(201);
      const dir = path.join(platform.dataDir, 'pacts-hooked');
      await writePactFile(dir, 'Web', 'Orders');
      expect((await pactBroker(['publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--broker-base-url', `http://127.0.0.1:${port}/t/${hooked}`])).code).toBe(0);
      // Four times its idle time (checks every second): without the webhook it would be asleep.
      await new Promise((resolve) => setTimeout(resolve, 8000));
      expect((await call('GET', `/api/tenants/${hooked}`, undefined)).json().state).toBe('running');
    } finally {
      await platform.close();
    }
  });
});
