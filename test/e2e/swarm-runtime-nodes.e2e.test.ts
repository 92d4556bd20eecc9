/**
 * The swarm runtime over two real nodes (issue 12): a swarm lab of its own (test/support/swarm-lab.ts),
 * the platform on the manager, tenants restricted to workers by PACTSAFS_SWARM_CONSTRAINTS. A tenant
 * placed on the worker is served by the manager's gateway over the overlay; the worker's engine
 * killed → the tenant failed, naming the node its database is pinned to; the engine back → the
 * tenant running and serving again (both measured); a backup and a restore of the tenant whose
 * database is on the worker, made by the platform on the manager; remove deletes the volume on the worker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpack } from '../support/backup-archive.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startSwarmLab, type LabNode, type SwarmLab } from '../support/swarm-lab.js';
import { answers, startSwarmPlatform, type SwarmPlatform } from '../support/swarm-platform.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const PLATFORM_IMAGE = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const PORT = 18481;
const T = 'swnodes';

describe.runIf(provided('swarm'))('swarm runtime over two nodes (issue 12)', () => {
  let lab: SwarmLab;
  let platform: SwarmPlatform;
  const worker = () => lab.nodes[1] as LabNode;
  const tenant = async () => (await (await fetch(`${platform.base}/api/tenants/${T}`)).json()) as { state: string; reason: string | null; node: string };
  const tasksOn = (service: string) =>
    lab.docker(lab.manager, ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']);

  beforeAll(async () => {
    lab = await startSwarmLab({ nodes: 2, images: ['pactsafs/postgres:15', 'pactsafs/broker:local', PLATFORM_IMAGE] });
    platform = await startSwarmPlatform({
      image: PLATFORM_IMAGE,
      port: PORT,
      docker: new Dockerode({ socketPath: lab.manager.socketPath }),
      nodeAddress: lab.manager.address,
      env: ['PACTSAFS_SWARM_CONSTRAINTS=node.role==worker'],
    });
  }, 300_000);
  afterAll(async () => {
    await platform?.remove([T]).catch(() => {});
    await lab?.close();
  }, 180_000);

  it('places the tenant on the worker and serves it through the gateway on the manager', async () => {
    const created = await fetch(`${platform.base}/api/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: T, runtime: 'swarm' }) });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { node: string }).node).toBe(worker().id);
    expect(tasksOn(`pactsafs-${T}-db`)).toMatch(new RegExp(`^${worker().name} Running`));
    expect(tasksOn(`pactsafs-${T}-broker`)).toMatch(new RegExp(`^${worker().name} Running`));
    expect(await answers(`${platform.base}/t/${T}/diagnostic/status/heartbeat`)).toBe(true);
  }, 180_000);

  it('backs up and restores the tenant whose database is on the worker, from the platform on the manager (issue 12, item 5)', async () => {
    const pactDir = await mkdtemp(path.join(tmpdir(), 'swarm-nodes-'));
    const versions = async () => (await fetch(`${platform.base}/t/${T}/pacticipants/Web/versions`, { headers: { Accept: 'application/hal+json' } })).text();
    try {
      await writePactFile(pactDir, 'Web', 'Orders');
      const publish = async (version: string) => {
        const published = await pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '--broker-base-url', `${platform.base}/t/${T}`]);
        expect(published.code, published.stdout + published.stderr).toBe(0);
      };
      await publish('1.0.0');
      const before = await versions();
      const backup = await fetch(`${platform.base}/api/tenants/${T}/backup`);
      expect(backup.status, await backup.clone().text()).toBe(200);
      const archive = Buffer.from(await backup.arrayBuffer());
      expect(JSON.parse((await unpack(archive))[0]?.content.toString() ?? '{}')).toMatchObject({ tenant: T, runtime: 'swarm', counts: { pacticipants: 2, versions: 1 } });
      await publish('2.0.0');
      expect(await versions()).not.toBe(before);
      const restored = await fetch(`${platform.base}/api/tenants/${T}/restore`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive });
      expect(restored.status, await restored.clone().text()).toBe(200);
      expect(await versions()).toBe(before);
      // The relay to the worker's database and its bridge on the manager lasted as long as the operations.
      const networks = async () => Object.keys((await (await platform.container()).inspect()).NetworkSettings.Networks).join();
      await until('the platform on pactsafs-gateway only', async () => ((await networks()) === 'pactsafs-gateway' ? true : undefined), 10_000);
      expect(lab.docker(lab.manager, ['ps', '-a', '--filter', `name=pactsafs-${T}_relay`, '--format', '{{.Names}}'])).toBe('');
      expect(lab.docker(lab.manager, ['network', 'ls', '--filter', `name=pactsafs-${T}_relay`, '--format', '{{.Name}}'])).toBe('');
    } finally {
      await rm(pactDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('fails the tenant while its database node is down, naming the node, and brings it back when the node returns', async () => {
    const killedAt = Date.now();
    lab.kill(worker());
    const failed = await until('the tenant failed for its node', async () => ((await tenant()).state === 'failed' ? tenant() : undefined), 120_000);
    console.log(`worker engine killed → tenant failed: ${Date.now() - killedAt} ms`);
    expect(failed.reason).toMatch(new RegExp(`^node ${worker().name} is down`));
    expect((await fetch(`${platform.base}/t/${T}/diagnostic/status/heartbeat`)).status).toBe(503);

    const restartedAt = Date.now();
    await lab.start(worker());
    await until('the tenant running again', async () => ((await tenant()).state === 'running' ? true : undefined), 120_000);
    await until('the tenant serving again', () => answers(`${platform.base}/t/${T}/diagnostic/status/heartbeat`), 120_000);
    console.log(`worker engine started again → tenant running and serving: ${Date.now() - restartedAt} ms`);
    expect((await tenant()).reason).toBeNull();
  }, 300_000);

  it('removes the tenant, its volume deleted on the worker by a one-shot task there', async () => {
    const volumes = () => lab.docker(worker(), ['volume', 'ls', '--format', '{{.Name}}']).split('\n');
    expect(volumes()).toContain(`pactsafs-${T}-pgdata`);
    expect((await fetch(`${platform.base}/api/tenants/${T}`, { method: 'DELETE' })).status).toBe(204);
    expect(volumes()).not.toContain(`pactsafs-${T}-pgdata`);
    expect(lab.docker(lab.manager, ['service', 'ls', '--filter', `label=pactsafs.tenant=${T}`, '--format', '{{.Name}}'])).toBe('');
  }, 180_000);
});
