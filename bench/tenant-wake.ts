/**
 * Issue 13, target 3: the first request to a sleeping tenant — from the gateway taking it to the
 * broker's answer, the wake included — for embedded tenants (target ≤ 100 ms) and docker tenants
 * (target ≤ 5 s), beside the same request to the awake tenant. Tenants sleep after 1 s idle.
 */
import { httpRequest, median, removeDockerTenants, report, startDockerBenchPlatform, startPlatform } from './support.js';
import type { StartedPlatform } from '../test/support/platform-process.js';

const RUNS = { embedded: Number(process.env.BENCH_WAKE_RUNS ?? 10), docker: Number(process.env.BENCH_WAKE_DOCKER_RUNS ?? 5) };

async function untilSleeping(port: number, name: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((resolve) => setTimeout(resolve, 100))) {
    // Asleep, and done falling asleep (the API shows an operation under way; a request meanwhile would wait for it).
    const tenant = (await httpRequest(port, { path: `/api/tenants/${name}` })).json();
    if (tenant.state === 'sleeping' && tenant.operation === undefined) return;
  }
  throw new Error(`${name} did not fall asleep within 120 s`);
}

/** Milliseconds of one heartbeat through the gateway; throws unless it answers 200. */
async function timedHeartbeat(port: number, name: string): Promise<number> {
  const started = performance.now();
  const answer = await httpRequest(port, { path: '/diagnostic/status/heartbeat', host: `${name}.localhost:${port}` });
  if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}: ${answer.body}`);
  return performance.now() - started;
}

async function measure(platform: StartedPlatform, runtime: 'embedded' | 'docker', name: string, runs: number) {
  const { port } = platform;
  const created = await httpRequest(port, { method: 'POST', path: '/api/tenants', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, runtime, idleAfter: '1s' }) });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const asleep: number[] = [];
  const awake: number[] = [];
  for (let i = 0; i < runs; i++) {
    await untilSleeping(port, name);
    asleep.push(await timedHeartbeat(port, name));
    awake.push(await timedHeartbeat(port, name));
  }
  const ms = (value: number) => value.toFixed(1);
  return [runtime, runs, ms(median(asleep)), ms(Math.min(...asleep)), ms(Math.max(...asleep)), ms(median(awake))];
}

const rows: Array<Array<string | number>> = [];
const embedded = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' });
try {
  rows.push(await measure(embedded, 'embedded', 'wake-emb', RUNS.embedded));
} finally {
  await embedded.close('SIGTERM');
}
if (process.env.BENCH_DOCKER !== 'false') {
  const name = 'zzbench-wake-dk';
  const docker = await startDockerBenchPlatform({ PACTSAFS_RUNTIME: 'docker' });
  try {
    rows.push(await measure(docker, 'docker', name, RUNS.docker));
  } finally {
    await docker.close('SIGTERM');
    await removeDockerTenants([name]);
  }
}
await report(
  'Scale to zero: first request to a sleeping tenant through the gateway, wake included (issue 13; targets: embedded ≤ 100 ms, docker ≤ 5 s)',
  ['runtime', 'runs', 'asleep: median ms', 'min ms', 'max ms', 'awake: median ms'],
  rows,
);
