/**
 * Issue 13, target 3: the first request to a sleeping tenant — from the gateway taking it to the
 * broker's answer, the wake included — for embedded tenants (target ≤ 100 ms) and docker tenants
 * (target ≤ 5 s), beside the same request to the awake tenant. Tenants sleep after 1 s idle.
 */
import os from 'node:os';
import Dockerode from 'dockerode';
import { httpRequest, median, removeDockerTenants, report, startDockerBenchPlatform, startPlatform } from './support.js';
import type { StartedPlatform } from '../test/support/platform-process.js';

/** Where a docker wake's time goes: ms from the request to each step, read from the engine's start times and log timestamps. */
interface WakePhases {
  dbStarted: number;
  dbReady: number;
  brokerStarted: number;
  brokerListening: number;
}
const PHASES: Array<[keyof WakePhases, string, RegExp | undefined]> = [
  ['dbStarted', 'db', undefined],
  ['dbReady', 'db', /ready to accept connections/],
  ['brokerStarted', 'broker', undefined],
  ['brokerListening', 'broker', /Pact Broker listening/],
];
const engine = new Dockerode();

/** The container's start, or its first log line since `since` matching `line`, in ms after `since` (NaN if none). */
async function phaseAt(container: string, since: number, line: RegExp | undefined): Promise<number> {
  const handle = engine.getContainer(container);
  if (!line) return Date.parse((await handle.inspect()).State.StartedAt) - since;
  const logs = (await handle.logs({ stdout: true, stderr: true, timestamps: true, since: Math.floor(since / 1000) })).toString('latin1');
  // Each frame's text starts with an RFC 3339 timestamp (nanoseconds; Date.parse reads its milliseconds).
  const match = logs.split('\n').find((text) => line.test(text))?.match(/(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\d*Z/);
  return match ? Date.parse(`${match[1]}Z`) - since : Number.NaN;
}

async function wakePhases(name: string, since: number): Promise<WakePhases> {
  const entries = await Promise.all(PHASES.map(async ([key, role, line]) => [key, await phaseAt(`pactsafs-${name}-${role}`, since, line)] as const));
  return Object.fromEntries(entries) as unknown as WakePhases;
}

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
  const phases: WakePhases[] = [];
  for (let i = 0; i < runs; i++) {
    await untilSleeping(port, name);
    const since = Date.now();
    asleep.push(await timedHeartbeat(port, name));
    awake.push(await timedHeartbeat(port, name));
    if (runtime === 'docker') phases.push(await wakePhases(name, since));
  }
  const ms = (value: number) => value.toFixed(1);
  if (phases.length) phaseRows.push([...PHASES.map(([key]) => ms(median(phases.map((phase) => phase[key])))), ms(median(asleep))]);
  return [runtime, runs, ms(median(asleep)), ms(Math.min(...asleep)), ms(Math.max(...asleep)), ms(median(awake))];
}

const phaseRows: Array<Array<string | number>> = [];

const rows: Array<Array<string | number>> = [];
const embedded = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' });
try {
  rows.push(await measure(embedded, 'embedded', 'wake-emb', RUNS.embedded));
} finally {
  await embedded.close('SIGTERM');
}
if (process.env.BENCH_DOCKER !== 'false') {
  const name = 'zzbench-wake-dk';
  // At info, the broker logs when it listens (a phase below); the platform's level is its brokers'.
  const docker = await startDockerBenchPlatform({ PACTSAFS_RUNTIME: 'docker', PACTSAFS_LOG_LEVEL: 'info' });
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
if (phaseRows.length) {
  await report(
    `Docker wake, where the time goes: median ms after the request (engine start times, log timestamps); load average ${os.loadavg()[0]?.toFixed(1)}`,
    ['db container started', 'postgres ready', 'broker container started', 'broker listening', 'answered'],
    phaseRows,
  );
}
