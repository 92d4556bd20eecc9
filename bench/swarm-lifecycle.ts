/**
 * Swarm runtime (issue 12): create → first 200 through the gateway, stop, start → first 200, remove
 * (median of BENCH_SWARM_RUNS), on the swarm engine sw1 that `npm test` starts (PACTSAFS_TEST_SWARM,
 * default unix:///run/sw1/docker.sock), with the platform running there as a swarm service the way
 * test/e2e/swarm-runtime.e2e.test.ts runs it. Skipped when that engine does not answer, or with
 * BENCH_SWARM=false (bench/run-all.ts).
 */
import { answers, startSwarmPlatform, swarmDocker } from '../test/support/swarm-platform.js';
import { until } from '../test/support/until.js';
import { median, report } from './support.js';

const RUNS = Number(process.env.BENCH_SWARM_RUNS ?? 3);
// `npm test` copies pactsafs/platform:local into sw1; a tree built under another tag may be named here.
const IMAGE = process.env.BENCH_SWARM_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const PORT = 18490;
const names = Array.from({ length: RUNS }, (_, i) => `bench-swarm-${i}`);

const docker = swarmDocker();
const engine = await docker.version().catch(() => undefined);
if (!engine) {
  console.log(`swarm lifecycle bench skipped: no swarm engine answers on ${process.env.PACTSAFS_TEST_SWARM ?? 'unix:///run/sw1/docker.sock'} (npm test starts sw1)`);
} else {
  // Its own service, data volume and platform id: the e2e's platform may share sw1 meanwhile.
  const platform = await startSwarmPlatform({ image: IMAGE, port: PORT, docker, name: 'pactsafs-bench-platform', platformId: 'bench-swarm' });
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${platform.base}/api${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.text() };
  };
  const firstOk = (name: string) => until(`${name} to answer through the gateway`, () => answers(`${platform.base}/t/${name}/diagnostic/status/heartbeat`), 120_000);
  /** Milliseconds from sending `action` until `after` resolves; the answer must have status `expected`. */
  const timed = async (action: () => Promise<{ status: number; body: string }>, expected: number, after: () => Promise<unknown> = async () => {}) => {
    const started = performance.now();
    const answer = await action();
    if (answer.status !== expected) throw new Error(`expected ${expected}, got ${answer.status}: ${answer.body}`);
    await after();
    return performance.now() - started;
  };
  try {
    const phases = { 'create → first 200': [] as number[], stop: [] as number[], 'start → first 200': [] as number[], remove: [] as number[] };
    for (const name of names) {
      phases['create → first 200'].push(await timed(() => api('POST', '/tenants', { name, runtime: 'swarm' }), 201, () => firstOk(name)));
      phases.stop.push(await timed(() => api('POST', `/tenants/${name}/stop`), 200));
      phases['start → first 200'].push(await timed(() => api('POST', `/tenants/${name}/start`), 200, () => firstOk(name)));
      phases.remove.push(await timed(() => api('DELETE', `/tenants/${name}`), 204));
    }
    await report(`Swarm runtime lifecycle (one-node swarm sw1, dockerd ${engine.Version}, platform as a swarm service), median of ${RUNS}`,
      ['phase', 'median ms', 'min ms', 'max ms'],
      Object.entries(phases).map(([phase, values]) => [phase, median(values).toFixed(0), Math.min(...values).toFixed(0), Math.max(...values).toFixed(0)]));
  } finally {
    // Tenant services outlive the platform: a run that failed half-way leaves them to remove here.
    await platform.remove(names);
  }
}
