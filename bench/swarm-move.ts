/**
 * Swarm `move` (issue 12, item 5): the seconds a tenant is unavailable while its data move between
 * the two nodes of a swarm lab of its own (test/support/swarm-lab.ts, as test/e2e/swarm-move.e2e.test.ts
 * runs it): a client asks the tenant's heartbeat through the gateway every 50 ms during each move
 * and during a plain backup, and the window from the first answer that is not 200 to the next 200 is
 * reported, with what those answers were (503: the tenant is moving; 0: no answer at all).
 * BENCH_SWARM_MOVE_ROUND_TRIPS (default 1) worker → manager → worker round trips. Skipped unless the
 * swarm lab can run here (root, PACTSAFS_TEST_SWARM), or with BENCH_SWARM=false (bench/run-all.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { probeAvailability, type AvailabilityReport } from '../test/support/availability-probe.js';
import { pactBroker, writePactFile } from '../test/support/pact-cli.js';
import { startSwarmLab, type LabNode } from '../test/support/swarm-lab.js';
import { answers, startSwarmPlatform } from '../test/support/swarm-platform.js';
import { provided } from '../test/support/test-parts.js';
import { until } from '../test/support/until.js';
import { report } from './support.js';

const ROUND_TRIPS = Number(process.env.BENCH_SWARM_MOVE_ROUND_TRIPS ?? 1);
const IMAGE = process.env.BENCH_SWARM_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const PORT = 18487;
const T = 'bench-move';
const HOLD = 'benchhold';

if (!provided('swarm')) {
  console.log('swarm move bench skipped: it needs root and a swarm engine (PACTSAFS_TEST_SWARM; npm test starts one)');
} else {
  const lab = await startSwarmLab({ nodes: 2, images: ['pactsafs/postgres:15', 'pactsafs/broker:local', IMAGE] });
  const pactDir = await mkdtemp(path.join(tmpdir(), 'bench-move-'));
  const manager = lab.manager;
  const worker = lab.nodes[1] as LabNode;
  // The tenant is made on the worker while the manager is held back by a label; the label goes before the moves.
  lab.label(manager, HOLD, 'yes');
  const platform = await startSwarmPlatform({
    image: IMAGE, port: PORT, docker: new Dockerode({ socketPath: manager.socketPath }), nodeAddress: manager.address,
    env: [`PACTSAFS_SWARM_CONSTRAINTS=node.labels.${HOLD}!=yes`], name: 'pactsafs-bench-move-platform', platformId: 'bench-swarm-move',
  });
  const heartbeat = `${platform.base}/t/${T}/diagnostic/status/heartbeat`;
  /** Runs `operation` while probing the heartbeat; answers its milliseconds and the probe's report. */
  const measured = async (operation: () => Promise<Response>) => {
    const probe = probeAvailability(heartbeat);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const answer = await operation();
    const body = Buffer.from(await answer.arrayBuffer());
    const ms = performance.now() - started;
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${body.toString('utf8')}`);
    await until('the tenant serving again', () => answers(heartbeat), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { ms, availability: await probe.stop() };
  };
  const move = (node: LabNode) => () => fetch(`${platform.base}/api/tenants/${T}/move`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ node: node.name }) });
  const row = (what: string, { ms, availability }: { ms: number; availability: AvailabilityReport }) => [
    what, (ms / 1000).toFixed(1), (availability.windowMs / 1000).toFixed(1), availability.failures['503'] ?? 0,
    Object.entries(availability.failures).filter(([status]) => status !== '503').map(([status, count]) => `${count} × ${status === '0' ? 'no answer' : status}`).join(', ') || '—',
    availability.requests,
  ];
  try {
    const created = await fetch(`${platform.base}/api/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: T, runtime: 'swarm' }) });
    if (created.status !== 201) throw new Error(`create: HTTP ${created.status}: ${await created.text()}`);
    await writePactFile(pactDir, 'Web', 'Orders');
    const published = await pactBroker(['publish', pactDir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--broker-base-url', `${platform.base}/t/${T}`]);
    if (published.code !== 0) throw new Error(`publish: ${published.stdout}${published.stderr}`);
    lab.label(manager, HOLD);
    const rows = [row('backup (for comparison; the tenant keeps serving)', await measured(() => fetch(`${platform.base}/api/tenants/${T}/backup`)))];
    for (let trip = 0; trip < ROUND_TRIPS; trip++) {
      rows.push(row(`move ${worker.name} (worker) → ${manager.name} (manager)`, await measured(move(manager))));
      rows.push(row(`move ${manager.name} (manager) → ${worker.name} (worker)`, await measured(move(worker))));
    }
    await report(
      `Swarm move: unavailability through the gateway (two-node lab, the platform on the manager, heartbeat every 50 ms)`,
      ['operation', 'API s', 'non-200 window s', '503 answers', 'other answers', 'heartbeats'],
      rows,
    );
  } finally {
    await platform.remove([T]).catch((error: unknown) => console.error(`cleaning up the bench platform: ${(error as Error).message}`));
    await lab.close();
    await rm(pactDir, { recursive: true, force: true });
  }
}
