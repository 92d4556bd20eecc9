/**
 * The swarm runtime over two real nodes (issue 12): a swarm lab of its own (test/support/swarm-lab.ts),
 * the platform on the manager, tenants restricted to workers by PACTSAFS_SWARM_CONSTRAINTS. A tenant
 * placed on the worker is served by the manager's gateway over the overlay; the worker's engine
 * killed → the tenant failed, naming the node its database is pinned to; the engine back → the
 * tenant running and serving again (both measured); remove deletes the volume on the worker.
 */
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
