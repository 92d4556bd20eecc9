import { randomInt } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger.js';
import { HEARTBEAT_PATH } from '../../../shared/wait-for.js';
import { MemoryDockerEngine } from '../../../test/support/memory-docker-engine.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { DockerRuntime } from './docker-runtime.js';

// The docker runtime's decisions against an in-memory engine (issue 12): what it creates, starts,
// stops and removes, twice over, and what it reports. The real engine is in docker-runtime.test.ts and
// the e2e suites. Brokers "answer" on a loopback address of this test's own, their address on the
// gateway network in the fake: the readiness check is the runtime's real one.

const IMAGES = { broker: 'pactsafs/broker:local', postgres: 'pactsafs/postgres:15' };
const serving = `127.${randomInt(1, 250)}.${randomInt(0, 250)}.${randomInt(1, 250)}`;
const silent = `127.${randomInt(1, 250)}.${randomInt(0, 250)}.${randomInt(1, 250)}`;
let heartbeat: http.Server;

beforeAll(async () => {
  heartbeat = http.createServer((req, res) => res.writeHead(req.url === HEARTBEAT_PATH ? 200 : 404).end());
  await new Promise<void>((resolve) => heartbeat.listen(9292, serving, resolve));
});
afterAll(() => new Promise<void>((resolve) => heartbeat.close(() => resolve())));

function tenant(name: string, overrides: Partial<TenantRecord> = {}): TenantRecord {
  return { name, state: 'creating', runtime: 'docker', createdAt: '', updatedAt: '', lastBackupAt: null, reason: null, ...overrides };
}

/** An engine with our images, whose brokers are reached at `gatewayAddress`, and a runtime on it. */
function setup(gatewayAddress = serving) {
  const engine = new MemoryDockerEngine((network) => (network === 'pactsafs-gateway' ? gatewayAddress : `10.9.0.${randomInt(2, 250)}`));
  engine.images.set(IMAGES.broker, { 'pactsafs.broker-flavour': 'pactsafs' });
  engine.images.set(IMAGES.postgres, {});
  const runtime = new DockerRuntime({
    engine,
    images: IMAGES,
    platformVersion: 'test',
    baseUrlsFor: (name) => [`http://${name}.localhost:8080`],
    brokerLogLevel: 'info',
    readinessTimeoutMs: 1000,
    logger: silentLogger,
  });
  return { engine, runtime };
}

/** A created tenant with its record as the registry keeps it (the database password the create made). */
async function created(name = 'acme') {
  const { engine, runtime } = setup();
  const record = { ...tenant(name), ...(await runtime.create(tenant(name))) };
  return { engine, runtime, record };
}

const states = (engine: MemoryDockerEngine) => Object.fromEntries([...engine.containers].map(([name, c]) => [name, c.state]));

describe('docker runtime decisions (in-memory engine)', () => {
  it('creates network, volume and both containers, starts the database before the broker, and routes to the broker on the gateway network', async () => {
    const { engine, runtime } = await created();
    expect(engine.calls).toEqual([
      'network pactsafs-acme',
      'volume pactsafs-acme-pgdata',
      'create pactsafs-acme-db',
      'create pactsafs-acme-broker',
      'start pactsafs-acme-db',
      'network pactsafs-gateway',
      'connect pactsafs-gateway pactsafs-acme-broker',
      'start pactsafs-acme-broker',
    ]);
    expect(runtime.route('acme')).toEqual({ kind: 'proxy', host: serving, port: 9292 });
    expect(runtime.brokerEndpoints()).toEqual([{ host: serving, port: 9292 }]);
  });

  // Team issue 13 (target 3): our broker asks for its database every 100 ms, so it boots while postgres does; the
  // official image retries only every 3 s, so its postgres is waited for (pg_isready) before it starts.
  it('starts our broker beside its database, and the official image only once its database accepts connections', async () => {
    const startOrder = async (brokerImageLabels: Record<string, string>) => {
      const { engine, runtime } = setup();
      engine.images.set(IMAGES.broker, brokerImageLabels);
      const record = { ...tenant('acme'), ...(await runtime.create(tenant('acme'))) };
      await runtime.stop('acme');
      engine.calls.length = 0;
      engine.execHandler = (_container, command) => {
        engine.calls.push(`exec ${command[0]}`);
        return { code: 0 };
      };
      await runtime.start(record);
      return engine.calls.filter((call) => call.startsWith('start') || call.startsWith('exec'));
    };
    expect(await startOrder({ 'pactsafs.broker-flavour': 'pactsafs' })).toEqual(['start pactsafs-acme-db', 'start pactsafs-acme-broker']);
    expect(await startOrder({})).toEqual(['start pactsafs-acme-db', 'exec pg_isready', 'start pactsafs-acme-broker']);
  });

  it('starts a running tenant again without touching it, stops twice, and starts a stopped one', async () => {
    const { engine, runtime, record } = await created();
    const before = engine.calls.length;
    await runtime.start(record);
    expect(engine.calls.slice(before)).toEqual([]);
    await runtime.stop('acme');
    await runtime.stop('acme');
    expect(states(engine)).toEqual({ 'pactsafs-acme-db': 'exited', 'pactsafs-acme-broker': 'exited' });
    expect(engine.calls.slice(before)).toEqual(['stop pactsafs-acme-broker', 'stop pactsafs-acme-db']);
    expect(runtime.route('acme')).toBeUndefined();
    await runtime.start(record);
    expect(states(engine)).toEqual({ 'pactsafs-acme-db': 'running', 'pactsafs-acme-broker': 'running' });
    expect(runtime.route('acme')).toEqual({ kind: 'proxy', host: serving, port: 9292 });
  });

  it('removes twice and leaves nothing of the tenant; the shared gateway network stays', async () => {
    const { engine, runtime } = await created();
    await runtime.remove('acme', { keepData: false });
    await runtime.remove('acme', { keepData: false });
    expect([...engine.containers.keys()]).toEqual([]);
    expect([...engine.volumes.keys()]).toEqual([]);
    expect([...engine.networks.keys()]).toEqual(['pactsafs-gateway']);
    expect(runtime.route('acme')).toBeUndefined();
    expect(await runtime.leftoverData('acme')).toBeUndefined();
  });

  it('keeps the volume on request, and then refuses the name with what is left', async () => {
    const { engine, runtime } = await created();
    await runtime.remove('acme', { keepData: true });
    expect([...engine.volumes.keys()]).toEqual(['pactsafs-acme-pgdata']);
    expect(await runtime.leftoverData('acme')).toBe(
      'Docker objects of an earlier tenant named "acme" still exist (volume pactsafs-acme-pgdata). Remove them first, or choose another name.',
    );
  });

  it('recreates only the broker when its settings changed (data kept in the db volume), and adopts it when they did not', async () => {
    const { engine, runtime, record } = await created();
    const db = engine.containers.get('pactsafs-acme-db')?.id;
    const before = engine.calls.length;
    await runtime.start({ ...record, webhooks: { hostWhitelist: ['ci.example.com'], schemeWhitelist: ['https'] } });
    expect(engine.calls.slice(before)).toEqual(['destroy pactsafs-acme-broker', 'create pactsafs-acme-broker', 'connect pactsafs-gateway pactsafs-acme-broker', 'start pactsafs-acme-broker']);
    expect(engine.containers.get('pactsafs-acme-broker')?.spec.Env).toContain('PACT_BROKER_WEBHOOK_HOST_WHITELIST=ci.example.com');
    expect(engine.containers.get('pactsafs-acme-db')?.id).toBe(db);
  });

  it('recreates a broker that publishes a port on the host (made before issue 12)', async () => {
    const { engine, runtime, record } = await created();
    const broker = engine.containers.get('pactsafs-acme-broker');
    if (broker) broker.publishesPorts = true;
    await runtime.stop('acme');
    await runtime.start(record);
    expect(engine.containers.get('pactsafs-acme-broker')?.publishesPorts).toBe(false);
    expect(engine.containers.get('pactsafs-acme-broker')?.id).not.toBe(broker?.id);
  });

  it('a create whose broker never answers says so with its last log lines, and leaves nothing behind', async () => {
    const { engine, runtime } = setup(silent);
    await expect(runtime.create(tenant('quiet'))).rejects.toThrow(
      /^The broker container pactsafs-quiet-broker did not answer its heartbeat on its address on pactsafs-gateway within 1 s \(last: .*\)\. Its last log lines:\nlog of pactsafs-quiet-broker$/,
    );
    expect([...engine.containers.keys()]).toEqual([]);
    expect([...engine.volumes.keys()]).toEqual([]);
    expect([...engine.networks.keys()]).toEqual(['pactsafs-gateway']);
  });

  it('a create whose image is missing and cannot be pulled says how to build local images, and makes nothing', async () => {
    const { engine, runtime } = setup();
    engine.images.delete(IMAGES.broker);
    await expect(runtime.create(tenant('noimg'))).rejects.toThrow(/The image pactsafs\/broker:local is not on this machine and pulling it failed .*npm run images/);
    expect(engine.calls).toEqual([]);
  });

  it('names the containers removed outside the platform, and refuses to start such a tenant', async () => {
    const { engine, runtime, record } = await created();
    await engine.removeContainer('pactsafs-acme-db');
    const problem = 'Its container pactsafs-acme-db is gone (removed outside the platform). Restore a backup into a new tenant, or remove this one.';
    expect(await runtime.inspect(record)).toBe(problem);
    await expect(runtime.start(record)).rejects.toThrow(problem);
  });

  it('reports the containers of tenants the registry does not know as orphans, by tenant', async () => {
    const { engine, runtime } = await created('known');
    await runtime.create(tenant('lost'));
    await runtime.create(tenant('gone'));
    await engine.removeContainer('pactsafs-gone-broker');
    expect(await runtime.orphans(new Set(['known']))).toEqual([
      { runtime: 'docker', tenant: 'lost', location: 'pactsafs-lost-broker, pactsafs-lost-db' },
      { runtime: 'docker', tenant: 'gone', location: 'pactsafs-gone-db' },
    ]);
  });

  it('refuses a row-level backup of a stopped tenant, and reaches a running one at its db address on the tenant network', async () => {
    const { engine, runtime, record } = await created();
    const database = await runtime.database(record);
    const address = engine.containers.get('pactsafs-acme-db')?.networks.get('pactsafs-acme');
    expect(database).toMatchObject({ flavour: 'pactsafs', url: expect.stringContaining(`@${address}:5432/pactbroker`) });
    await runtime.stop('acme');
    await expect(runtime.database(record)).rejects.toThrow('Tenant "acme" is stopped; start it first (its database runs only while it runs).');
  });
});
