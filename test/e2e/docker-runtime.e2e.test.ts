/**
 * The Docker runtime against a real engine, with our no-registry images (the official image cannot
 * be pulled here; its container spec is asserted in container-specs.test.ts).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execIn, removeTenantObjects } from '../support/docker-cleanup.js';
import { allHrefs, httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const docker = new Dockerode();
const run = randomBytes(3).toString('hex');
const [a, b, ghost] = [`dk${run}-a`, `dk${run}-b`, `dk${run}-ghost`];
const json = { 'Content-Type': 'application/json' };
const env = {
  PACTSAFS_RUNTIME: 'docker',
  PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local',
  PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15',
};

describe.runIf(provided('docker'))('the docker runtime, end to end', () => {
  let started: StartedPlatform;
  let port: number;
  const api = (method: string, apiPath: string, body?: unknown) =>
    httpRequest(port, { method, path: apiPath, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const tenantGet = (tenant: string, tenantPath: string) =>
    httpRequest(port, { path: tenantPath, host: `${tenant}.localhost:${port}`, headers: { Accept: 'application/hal+json' } });
  const startedAt = async (tenant: string, role: string) =>
    (await docker.getContainer(`pactsafs-${tenant}-${role}`).inspect()).State.StartedAt;

  beforeAll(async () => {
    await docker.ping();
    started = await startPlatform(env);
    port = started.port;
  });

  afterAll(async () => {
    await started?.close();
    await removeTenantObjects(docker, [a, b, ghost]);
  });

  it('creates two docker tenants, each a broker and a postgres container on its own network', async () => {
    for (const name of [a, b]) {
      const created = await api('POST', '/api/tenants', { name });
      expect(created.status, created.body).toBe(201);
      expect(created.json()).toMatchObject({ name, state: 'running', runtime: 'docker' });
      expect(created.json()).not.toHaveProperty('databasePassword');
    }
    const broker = await docker.getContainer(`pactsafs-${a}-broker`).inspect();
    expect(broker.Config.Labels).toMatchObject({ 'pactsafs.tenant': a, 'pactsafs.role': 'broker' });
    // Issue 12: no published port; the gateway reaches the broker on pactsafs-gateway.
    expect(broker.HostConfig.PortBindings ?? {}).toEqual({});
    expect(Object.keys(broker.NetworkSettings.Networks).sort()).toEqual(['pactsafs-gateway', `pactsafs-${a}`].sort());
    const db = await docker.getContainer(`pactsafs-${a}-db`).inspect();
    expect(db.HostConfig.PortBindings ?? {}).toEqual({});
    const passwords = await Promise.all([a, b].map(async (t) =>
      (await docker.getContainer(`pactsafs-${t}-db`).inspect()).Config.Env.find((e) => e.startsWith('POSTGRES_PASSWORD=')),
    ));
    expect(passwords[0]).not.toEqual(passwords[1]);
  });

  it('publishes with the official CLI through the gateway and reads it back with gateway links', async () => {
    const dir = path.join(started.dataDir, 'pacts');
    await writePactFile(dir, 'Web', 'Orders');
    const base = `http://127.0.0.1:${port}/t/${a}`;
    const published = await pactBroker(['publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--broker-base-url', base]);
    expect(published.stdout + published.stderr).toContain(`View the published pact at ${base}/pacts/provider/Orders/consumer/Web/version/1.0.0`);
    const listed = await pactBroker(['list-latest-pact-versions', '--broker-base-url', base]);
    expect(listed.stdout).toMatch(/"Web"\s*┆\s*"1\.0\.0"\s*┆\s*"Orders"/);
    const pact = await tenantGet(a, '/pacts/provider/Orders/consumer/Web/latest');
    expect(pact.status).toBe(200);
    for (const href of allHrefs(pact.json())) expect(href).toMatch(new RegExp(`^http://${a}\\.localhost:${port}/`));
    const other = await tenantGet(b, '/pacticipants');
    expect(other.status).toBe(200);
    expect(other.json()._embedded?.pacticipants ?? []).toEqual([]);
  });

  it("keeps tenant A's database unreachable from tenant B's broker container", async () => {
    const dbAddress = Object.values((await docker.getContainer(`pactsafs-${a}-db`).inspect()).NetworkSettings.Networks)[0]!.IPAddress;
    const probe = (host: string) =>
      `const s=require('net').connect(5432,'${host}');s.on('connect',()=>{console.log('connected');process.exit(0)});` +
      `s.on('error',e=>{console.log(e.code);process.exit(1)});setTimeout(()=>{console.log('timeout');process.exit(2)},3000)`;
    const brokerB = docker.getContainer(`pactsafs-${b}-broker`);
    const byName = await execIn(brokerB, ['node', '-e', probe(`pactsafs-${a}-db`)]);
    expect(byName.output.trim()).toMatch(/ENOTFOUND|EAI_AGAIN/);
    const byAddress = await execIn(brokerB, ['node', '-e', probe(dbAddress)]);
    expect(byAddress.output.trim()).not.toBe('connected');
    const ownDb = await execIn(brokerB, ['node', '-e', probe(`pactsafs-${b}-db`)]);
    expect(ownDb.output.trim()).toBe('connected');
  });

  it('stop answers 503, start serves the same data again', async () => {
    expect((await api('POST', `/api/tenants/${a}/stop`)).json().state).toBe('stopped');
    expect((await docker.getContainer(`pactsafs-${a}-broker`).inspect()).State.Running).toBe(false);
    expect((await tenantGet(a, '/')).status).toBe(503);
    expect((await api('POST', `/api/tenants/${a}/start`)).json().state).toBe('running');
    expect((await tenantGet(a, '/pacts/provider/Orders/consumer/Web/latest')).status).toBe(200);
  });

  it('a killed broker container is started again by the platform: 502 or 503 meanwhile, then 200', async () => {
    await docker.getContainer(`pactsafs-${a}-broker`).kill();
    const statuses: number[] = [];
    await until('the broker to serve again', async () => {
      const status = (await tenantGet(a, '/diagnostic/status/heartbeat')).status;
      statuses.push(status);
      return status === 200 ? true : undefined;
    });
    // 502 until the platform sees the container gone, then 503 (starting) until it runs again (issue 12: no
    // published port keeps answering for it).
    expect([502, 503]).toContain(statuses[0]);
    expect(statuses.at(-1)).toBe(200);
    expect((await docker.getContainer(`pactsafs-${a}-broker`).inspect()).State.Running).toBe(true);
  });

  it('after SIGKILL the restarted platform adopts running containers without restarting them', async () => {
    const before = await Promise.all([startedAt(a, 'broker'), startedAt(a, 'db'), startedAt(b, 'broker')]);
    await started.platform.stop('SIGKILL');
    await started.platform.start();
    const tenants = (await api('GET', '/api/tenants')).json().tenants;
    expect(tenants.map((t: { name: string; state: string }) => [t.name, t.state])).toEqual([[a, 'running'], [b, 'running']]);
    expect(await Promise.all([startedAt(a, 'broker'), startedAt(a, 'db'), startedAt(b, 'broker')])).toEqual(before);
    expect((await tenantGet(a, '/pacts/provider/Orders/consumer/Web/latest')).status).toBe(200);
  });

  it('a tenant recorded running whose containers were stopped while the platform was down is started', async () => {
    await started.platform.stop('SIGKILL');
    for (const role of ['broker', 'db']) await docker.getContainer(`pactsafs-${a}-${role}`).stop();
    await started.platform.start();
    expect((await api('GET', `/api/tenants/${a}`)).json().state).toBe('running');
    expect((await docker.getContainer(`pactsafs-${a}-broker`).inspect()).State.Running).toBe(true);
    expect((await tenantGet(a, '/pacts/provider/Orders/consumer/Web/latest')).status).toBe(200);
  });

  it('lists an orphan container and leaves it alone', async () => {
    const orphan = await docker.createContainer({
      name: `pactsafs-${ghost}-db`,
      Image: 'pactsafs/postgres:15',
      Labels: { 'pactsafs.tenant': ghost, 'pactsafs.role': 'db' },
    });
    const orphans = (await api('GET', '/api/orphans')).json().orphans;
    expect(orphans).toContainEqual({ runtime: 'docker', tenant: ghost, location: `pactsafs-${ghost}-db` });
    expect((await orphan.inspect()).Name).toBe(`/pactsafs-${ghost}-db`);
  });

  it('a container removed behind the platform’s back makes the tenant failed, with the reason', async () => {
    await docker.getContainer(`pactsafs-${b}-broker`).remove({ force: true });
    const failed = await until('tenant B to be failed', async () => {
      const tenant = (await api('GET', `/api/tenants/${b}`)).json();
      return tenant.state === 'failed' ? tenant : undefined;
    });
    expect(failed.reason).toContain(`pactsafs-${b}-broker`);
    expect((await tenantGet(b, '/')).status).toBe(503);
  });

  it('streams the broker and database logs', async () => {
    const brokerLogs = await api('GET', `/api/tenants/${a}/logs?tail=20`);
    expect(brokerLogs.status).toBe(200);
    expect(brokerLogs.body).toContain('heartbeat');
    const dbLogs = await api('GET', `/api/tenants/${a}/logs?role=db&tail=50`);
    expect(dbLogs.body).toMatch(/database system is ready to accept connections/);
  });

  it('remove deletes containers, network and volume; keepData keeps the volume', async () => {
    expect((await api('DELETE', `/api/tenants/${b}`)).status).toBe(204);
    expect((await api('DELETE', `/api/tenants/${a}?keepData=true`)).status).toBe(204);
    const left = await docker.listContainers({ all: true, filters: { label: [`pactsafs.tenant=${a}`] } });
    expect(left).toEqual([]);
    expect((await docker.listNetworks({ filters: { name: [`pactsafs-${a}`] } })).length).toBe(0);
    await expect(docker.getVolume(`pactsafs-${a}-pgdata`).inspect()).resolves.toMatchObject({ Name: `pactsafs-${a}-pgdata`, Labels: expect.objectContaining({ 'pactsafs.tenant': a }) });
    await expect(docker.getVolume(`pactsafs-${b}-pgdata`).inspect()).rejects.toThrow();
    expect((await docker.getContainer(`pactsafs-${ghost}-db`).inspect()).Name).toBe(`/pactsafs-${ghost}-db`);
  });
});
