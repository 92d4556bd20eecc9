/**
 * Issue 12, item 2: the gateway reaches docker tenants' brokers over the shared network
 * `pactsafs-gateway`, never through ports published on the host; databases stay off that network.
 * A platform on the host (this suite) proxies to the broker container's address there, which
 * changes when the container restarts; tenants made by the version before are migrated.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execIn, removeTenantObjects } from '../support/docker-cleanup.js';
import { httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { freePort, startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { restoreUndoesALaterPublish } from '../support/backup-round-trip.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const docker = new Dockerode();
const run = randomBytes(3).toString('hex');
const tenant = `gn${run}`;
const GATEWAY = 'pactsafs-gateway';
/** Containers of this suite's own that are no tenant's: a probe and address fillers, removed by this label. */
const HELPER_LABEL = `pactsafs-test.gateway-network=${run}`;
const json = { 'Content-Type': 'application/json' };
const env = { PACTSAFS_RUNTIME: 'docker', PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' };

const inspect = (role: 'broker' | 'db') => docker.getContainer(`pactsafs-${tenant}-${role}`).inspect();
const gatewayAddress = async () => (await inspect('broker')).NetworkSettings.Networks[GATEWAY]?.IPAddress ?? '';

/** Node code that connects to host:port and prints `connected`, an error code, or `timeout`. */
const connectProbe = (host: string, port: number) =>
  `const s=require('net').connect(${port},'${host}');s.on('connect',()=>{console.log('connected');process.exit(0)});` +
  `s.on('error',e=>{console.log(e.code);process.exit(1)});setTimeout(()=>{console.log('timeout');process.exit(2)},3000)`;

/** A container of this suite on the gateway network only (the broker image, for its node). */
async function helperOnGateway(name: string): Promise<Dockerode.Container> {
  const [key, value] = HELPER_LABEL.split('=') as [string, string];
  const container = await docker.createContainer({
    name,
    Image: 'pactsafs/broker:local',
    Entrypoint: ['sleep', '600'],
    Labels: { [key]: value },
    HostConfig: { NetworkMode: GATEWAY },
  });
  await container.start();
  return container;
}

/** Starts helper containers on the gateway network until one holds `address`, so that no restarted broker can get it back. */
let fillers = 0;
async function occupy(address: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const filler = await helperOnGateway(`pactsafs-test-${run}-filler${fillers++}`);
    if ((await filler.inspect()).NetworkSettings.Networks[GATEWAY]?.IPAddress === address) return;
  }
  throw new Error(`no filler container got ${address} on ${GATEWAY}`);
}

async function removeHelpers(): Promise<void> {
  for (const container of await docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } })) {
    await docker.getContainer(container.Id).remove({ force: true }).catch(() => {});
  }
}

describe.runIf(provided('docker'))('docker tenants behind the gateway network (issue 12)', () => {
  let started: StartedPlatform;
  let port: number;
  let pactDir: string;
  const api = (method: string, apiPath: string, body?: unknown) =>
    httpRequest(port, { method, path: apiPath, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const pactThroughGateway = () =>
    httpRequest(port, { path: '/pacts/provider/Orders/consumer/Web/latest', host: `${tenant}.localhost:${port}`, headers: { Accept: 'application/hal+json' } });

  beforeAll(async () => {
    started = await startPlatform(env);
    port = started.port;
    const created = await api('POST', '/api/tenants', { name: tenant });
    expect(created.status, created.body).toBe(201);
    pactDir = path.join(started.dataDir, 'pacts');
    await writePactFile(pactDir, 'Web', 'Orders');
    const base = `http://127.0.0.1:${port}/t/${tenant}`;
    const published = await pactBroker(['publish', pactDir, '--consumer-app-version', '1', '--branch', 'main', '--broker-base-url', base]);
    expect(published.code, published.stdout + published.stderr).toBe(0);
  });

  afterAll(async () => {
    await started?.close();
    await removeHelpers();
    await removeTenantObjects(docker, [tenant]);
  });

  it('publishes no port of the broker; the broker is on its tenant network and the gateway network, the db on its tenant network only', async () => {
    const broker = await inspect('broker');
    expect(Object.values(broker.HostConfig.PortBindings ?? {}).flat().filter(Boolean)).toEqual([]);
    expect(Object.values(broker.NetworkSettings.Ports ?? {}).flat().filter(Boolean)).toEqual([]);
    expect(Object.keys(broker.NetworkSettings.Networks).sort()).toEqual([GATEWAY, `pactsafs-${tenant}`].sort());
    const db = await inspect('db');
    expect(Object.keys(db.NetworkSettings.Networks)).toEqual([`pactsafs-${tenant}`]);
    const network = await docker.getNetwork(GATEWAY).inspect();
    expect(network.Driver).toBe('bridge');
    expect(network.Labels).toMatchObject({ 'pactsafs.role': 'gateway' });
  });

  it("answers through the gateway and straight on the broker's gateway-network address", async () => {
    expect((await pactThroughGateway()).status).toBe(200);
    const address = await gatewayAddress();
    const direct = await httpRequest(9292, { address, path: '/diagnostic/status/heartbeat', host: `${address}:9292` });
    expect(direct.status).toBe(200);
  });

  it('keeps the database unreachable from the gateway network, by name and by address; the broker is reachable there', async () => {
    const probe = await helperOnGateway(`pactsafs-test-${run}-probe`);
    const dbAddress = (await inspect('db')).NetworkSettings.Networks[`pactsafs-${tenant}`]!.IPAddress;
    const byName = await execIn(probe, ['node', '-e', connectProbe(`pactsafs-${tenant}-db`, 5432)]);
    expect(byName.output.trim()).toMatch(/ENOTFOUND|EAI_AGAIN/);
    const byAddress = await execIn(probe, ['node', '-e', connectProbe(dbAddress, 5432)]);
    expect(byAddress.output.trim()).not.toBe('connected');
    const broker = await execIn(probe, ['node', '-e', connectProbe(`pactsafs-${tenant}-broker`, 9292)]);
    expect(broker.output.trim()).toBe('connected');
  });

  it('routes to the new address of a broker container that restarts with another one', async () => {
    const before = await gatewayAddress();
    // Off the gateway network, its address is free for a filler to take; the platform puts it back when it restarts it.
    await docker.getNetwork(GATEWAY).disconnect({ Container: `pactsafs-${tenant}-broker` });
    await occupy(before);
    await docker.getContainer(`pactsafs-${tenant}-broker`).kill();
    const pact = await until('the tenant to serve at its new address', async () => {
      const answer = await pactThroughGateway();
      return answer.status === 200 ? answer : undefined;
    });
    expect(pact.json().consumer.name).toBe('Web');
    const after = await gatewayAddress();
    expect(after).not.toBe('');
    expect(after).not.toBe(before);
  });

  it('a restarted platform adopts a broker that got a new address while it was down', async () => {
    await started.platform.stop('SIGKILL');
    const before = await gatewayAddress();
    await docker.getContainer(`pactsafs-${tenant}-broker`).stop();
    await occupy(before);
    await docker.getContainer(`pactsafs-${tenant}-broker`).start();
    expect(await gatewayAddress()).not.toBe(before);
    await started.platform.start();
    expect((await pactThroughGateway()).status).toBe(200);
  });

  it('gives up on a broker address that answers nothing with a 502, not after the upstream timeout', async () => {
    // No pooled connection to the broker may be left, so that the next request connects anew: the broker (a
    // Node server, keep-alive timeout 5 s) closes the gateway's idle ones after 5 s.
    expect((await pactThroughGateway()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    // Off the gateway network, with no container event to tell the platform: its address drops connection
    // attempts, as a container's does in the moment it dies (the gateway's upstream timeout is 120 s).
    await docker.getNetwork(GATEWAY).disconnect({ Container: `pactsafs-${tenant}-broker` });
    const unanswered = await pactThroughGateway();
    expect(unanswered.status).toBe(502);
    expect(unanswered.json().detail).toMatch(/ECONNECTTIMEOUT|EHOSTUNREACH/);
    // The platform puts a broker it restarts back on the gateway network.
    await docker.getContainer(`pactsafs-${tenant}-broker`).kill();
    await until('the tenant to serve again', async () => ((await pactThroughGateway()).status === 200 ? true : undefined));
  });

  it("migrates a tenant made by the version before: its published broker is recreated over the same data, with no port", async () => {
    await started.platform.stop('SIGKILL');
    // The broker container as the version before made it: published on loopback, on its tenant network only.
    const current = await inspect('broker');
    const oldPort = await freePort();
    await docker.getContainer(current.Id).remove({ force: true });
    await docker.createContainer({
      name: `pactsafs-${tenant}-broker`,
      Image: current.Config.Image,
      Labels: current.Config.Labels,
      Env: current.Config.Env,
      ExposedPorts: { '9292/tcp': {} },
      HostConfig: {
        NetworkMode: `pactsafs-${tenant}`,
        RestartPolicy: { Name: 'unless-stopped' },
        PortBindings: { '9292/tcp': [{ HostIp: '127.0.0.1', HostPort: String(oldPort) }] },
      },
    });
    await docker.getContainer(`pactsafs-${tenant}-broker`).start();
    const registryFile = path.join(started.dataDir, 'registry.json');
    const registry = JSON.parse(await readFile(registryFile, 'utf8'));
    registry.tenants.find((record: { name: string }) => record.name === tenant).internalPort = oldPort;
    await writeFile(registryFile, JSON.stringify(registry));
    await until('the old-style broker to answer on its published port', async () =>
      (await httpRequest(oldPort, { path: '/diagnostic/status/heartbeat' }).catch(() => undefined))?.status === 200 || undefined,
    );

    await started.platform.start();
    const broker = await inspect('broker');
    expect(broker.Id).not.toBe(current.Id);
    expect(Object.values(broker.HostConfig.PortBindings ?? {}).flat().filter(Boolean)).toEqual([]);
    expect(Object.keys(broker.NetworkSettings.Networks).sort()).toEqual([GATEWAY, `pactsafs-${tenant}`].sort());
    await expect(httpRequest(oldPort, { path: '/diagnostic/status/heartbeat' })).rejects.toThrow(/ECONNREFUSED/);
    const pact = await pactThroughGateway();
    expect(pact.status).toBe(200);
    expect(pact.json().consumer.name).toBe('Web');
  });

  it('backs the tenant up and restores it from the host, over its database address on the tenant network', async () => {
    await restoreUndoesALaterPublish(port, tenant, pactDir);
    const listed = (await api('GET', `/api/tenants/${tenant}`)).json();
    expect(listed.dataSizeBytes).toBeGreaterThan(1_000_000);
  });

  it('remove leaves the gateway network, which other tenants may use', async () => {
    expect((await api('DELETE', `/api/tenants/${tenant}`)).status).toBe(204);
    expect(await docker.listContainers({ all: true, filters: { label: [`pactsafs.tenant=${tenant}`] } })).toEqual([]);
    expect((await docker.getNetwork(GATEWAY).inspect()).Name).toBe(GATEWAY);
  });
});
