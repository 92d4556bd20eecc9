/**
 * Issue 13, targets 3 and 4: the platform's RSS with N embedded tenants awake, then asleep (idle
 * tenants close their broker and SQLite database), beside the platform with none. N from
 * BENCH_DENSITY_TENANTS (default 1000, the figure). RSS is read from /proc after a pause,
 * and asleep once more a minute later: V8 gives back the heap of closed brokers only over its next
 * collections, which an idle process runs slowly. While awake: BENCH_DENSITY_RPS requests a second
 * (default 1000) spread over every tenant through the gateway, five runs of BENCH_DENSITY_SECONDS
 * (default 10), their p50 and p99 (target: p99 ≤ 20 ms in every run), beside what may make the tail: the
 * platform's longest event-loop delay and GC pauses in the run (bench/platform-pauses.ts), and the load
 * generator's own lag (it shares the machine). The platform's CPU while every tenant is awake and idle is
 * measured over 10 s. BENCH_DENSITY_NODE_FLAGS: node flags for the platform (e.g. --max-semi-space-size=64).
 */
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pausesFile, type PauseSecond } from './platform-pauses.js';
import { cpuMicros } from './process-cpu.js';
import { percentile, spreadLoad } from './spread-load.js';
import { httpRequest, report, startPlatform } from './support.js';

const TENANTS = Number(process.env.BENCH_DENSITY_TENANTS ?? 1000);
const PER_SECOND = Number(process.env.BENCH_DENSITY_RPS ?? 1000);
const LOAD_SECONDS = Number(process.env.BENCH_DENSITY_SECONDS ?? 10);
const LOAD_RUNS = 5;
const CONCURRENCY = 8;
const NODE_FLAGS = (process.env.BENCH_DENSITY_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const IDLE_SECONDS = 10;
const json = { 'Content-Type': 'application/json' };

async function rssMiB(pid: number, settleMs = 3000): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, settleMs)); // closed databases' pages and timers settle
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** Runs `work` over the names, CONCURRENCY at a time. */
async function eachName(names: string[], work: (name: string) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < names.length) await work(names[next++]!);
  }));
}

/** The platform's CPU over `seconds`, in ms per second. */
async function cpuMsPerSecond(pid: number, seconds: number): Promise<number> {
  const before = await cpuMicros([pid]);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return (await cpuMicros([pid]) - before) / 1000 / seconds;
}

/** The platform's seconds since `from`: its longest event-loop delay, how many GC pauses, the longest, and how many mark-compacts. */
async function pausesSince(pid: number, from: number): Promise<[string, number, string, number]> {
  const text = await readFile(pausesFile(pid), 'utf8').catch(() => '');
  const seconds = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as PauseSecond).filter((second) => second.at >= from);
  const gcs = seconds.flatMap((second) => second.gcs);
  const longest = (values: number[]) => Math.max(0, ...values).toFixed(1);
  return [longest(seconds.map((second) => second.loopDelayMaxMs)), gcs.length, longest(gcs.map((gc) => gc.ms)), gcs.filter((gc) => gc.kind === 4).length];
}

const platform = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' }, ['--import', 'tsx', ...NODE_FLAGS, '--import', './bench/platform-pauses.ts', 'main.ts']);
try {
  const { port, platform: process_ } = platform;
  const pid = process_.pid!;
  const names = Array.from({ length: TENANTS }, (_, i) => `density-${i}`);
  const none = await rssMiB(pid);
  const createStarted = performance.now();
  await eachName(names, async (name) => {
    const created = await httpRequest(port, { method: 'POST', path: '/api/tenants', headers: json, body: JSON.stringify({ name, idleAfter: 'off' }) });
    if (created.status !== 201) throw new Error(`creating ${name} answered ${created.status}: ${created.body}`);
    // One read each, so every broker has served a request (its caches and statements made).
    const read = await httpRequest(port, { path: '/', host: `${name}.localhost:${port}`, headers: { Accept: 'application/hal+json' } });
    if (read.status !== 200) throw new Error(`${name} answered ${read.status}`);
  });
  const createSeconds = (performance.now() - createStarted) / 1000;
  const awake = await rssMiB(pid);
  const idleCpu = await cpuMsPerSecond(pid, IDLE_SECONDS);
  const hosts = names.map((name) => `${name}.localhost:${port}`);
  const loadRows: Array<Array<string | number>> = [];
  for (let run = 1; run <= LOAD_RUNS; run++) {
    const load = os.loadavg()[0]!.toFixed(1);
    const from = Date.now();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const { requests, achievedPerSecond, latencies, failures } = await spreadLoad(port, hosts, { perSecond: PER_SECOND, seconds: LOAD_SECONDS, path: '/' });
    lag.disable();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the platform's last second written
    const pauses = await pausesSince(pid, from);
    loadRows.push([run, requests, achievedPerSecond.toFixed(0), percentile(latencies, 50).toFixed(2), percentile(latencies, 99).toFixed(2), latencies.at(-1)!.toFixed(1), failures, ...pauses, (lag.max / 1e6).toFixed(1), load]);
  }
  const awakeAfterLoad = await rssMiB(pid);
  await eachName(names, async (name) => {
    await httpRequest(port, { method: 'PATCH', path: `/api/tenants/${name}`, headers: json, body: JSON.stringify({ idleAfter: '1s' }) });
  });
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 1000))) {
    const tenants = (await httpRequest(port, { path: '/api/tenants' })).json().tenants as Array<{ state: string }>;
    if (tenants.every((tenant) => tenant.state === 'sleeping')) break;
    if (Date.now() - started > 600_000) throw new Error('not every tenant fell asleep within 10 minutes');
  }
  const asleep = await rssMiB(pid);
  const asleepMinute = await rssMiB(pid, 60_000);
  const perTenant = (rss: number) => (((rss - none) * 1024) / TENANTS).toFixed(0);
  await report(
    `Density: RSS of one platform with ${TENANTS} embedded tenants awake and asleep (issue 13; target 4: ≤ 1 GB awake, ≤ 200 MB asleep)`,
    ['tenants', 'no tenants MiB', 'awake MiB', 'awake after the load MiB', 'asleep MiB', 'asleep 1 min later MiB', 'awake KiB/tenant', 'asleep KiB/tenant', 'create+first read s', 'CPU ms/s awake, idle', 'load avg (1 min)'],
    [[TENANTS, none.toFixed(0), awake.toFixed(0), awakeAfterLoad.toFixed(0), asleep.toFixed(0), asleepMinute.toFixed(0), perTenant(awake), perTenant(asleepMinute), createSeconds.toFixed(1), idleCpu.toFixed(1), os.loadavg()[0]!.toFixed(1)]],
  );
  await report(
    `Density: ${PER_SECOND} GET / a second spread over the ${TENANTS} awake tenants through the gateway, ${LOAD_RUNS} runs of ${LOAD_SECONDS} s (issue 13; target 4: p99 ≤ 20 ms, steady)`,
    ['run', 'requests', 'achieved req/s', 'p50 ms', 'p99 ms', 'max ms', 'failed', 'platform loop delay max ms', 'GC pauses', 'longest GC ms', 'mark-compacts', 'generator lag max ms', 'load avg (1 min) at start'],
    loadRows,
  );
} finally {
  const pid = platform.platform.pid;
  await platform.close('SIGTERM');
  if (pid !== undefined) await rm(pausesFile(pid), { force: true });
}
