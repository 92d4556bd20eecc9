/**
 * `npm run bench -- broker` (issue 13, target 1): the broker alone (`npm run broker`'s process) on
 * PostgreSQL and on SQLite with the issue's history at 500 and 5,000 versions per consumer; each call
 * of the issue's table with 8 concurrent clients (req/s) and one client (p50, p99), the broker's RSS,
 * the Ruby broker's req/s from the issue beside ours, and the p50 growth 5,000 / 500.
 * BENCH_BROKER_VERSIONS (default `500,5000`), BENCH_BROKER_DATABASES (default `postgres,sqlite`, or
 * `sqlite` without PACTSAFS_TEST_POSTGRES_URL), BENCH_SECONDS (default 5), BENCH_BROKER_SAMPLES (default 200),
 * BENCH_BROKER_CALLS (comma-separated call names, e.g. `pacts for verification`; default every call),
 * BENCH_BROKER_SEED_CACHE=true (keep each seeded history and reuse it in later runs, and complete a
 * partial one an interrupted run left; on a shared machine seeding 5,000 versions takes many minutes;
 * a run without it removes kept ones).
 */
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryCall } from '../broker/test-support/history-fixture.js';
import { seedHistoryInProcess } from './broker-history.js';
import { chosenCalls, latency, throughput } from './broker-load.js';
import { benchSeedName, checkKind, copyOf, existingSeed, newSeed, type BenchDatabase, type BenchDatabaseKind } from './bench-database.js';
import { freePort, report, startBrokerProcess, stopBrokerProcess } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const samples = Number(process.env.BENCH_BROKER_SAMPLES ?? 200);
const versionCounts = (process.env.BENCH_BROKER_VERSIONS ?? '500,5000').split(',').map(Number);
const databases = (process.env.BENCH_BROKER_DATABASES ?? (process.env.PACTSAFS_TEST_POSTGRES_URL ? 'postgres,sqlite' : 'sqlite')).split(',').map(checkKind);
const keepSeeds = process.env.BENCH_BROKER_SEED_CACHE === 'true';
const callNames = process.env.BENCH_BROKER_CALLS?.split(',').map((name) => name.trim());
const CLIENTS = 8;
/** tsx compiling the broker on a loaded machine takes longer than the heartbeat wait of the other benches. */
const BROKER_START_MS = 60_000;


interface Measured {
  database: string;
  versions: number;
  call: HistoryCall;
  rps: number;
  p50: number;
  p99: number;
  rssMb: number;
  seedSeconds: number;
}

async function rssMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The seeded history as a template: a kept one, or seeded now (the seconds it took, 0 when kept). */
async function seeded(database: BenchDatabaseKind, versions: number): Promise<{ seed: BenchDatabase; seedSeconds: number }> {
  const name = benchSeedName(versions);
  const kept = await existingSeed(database, name);
  if (kept && keepSeeds) return { seed: kept, seedSeconds: 0 };
  await kept?.drop();
  const started = Date.now();
  const seed = await newSeed(database, name, (url) => seedHistoryInProcess(url, versions), keepSeeds);
  const seedSeconds = (Date.now() - started) / 1000;
  process.stdout.write(`${database}, ${versions} versions: seeded in ${seedSeconds.toFixed(0)} s\n`);
  return { seed, seedSeconds };
}

async function measure(database: BenchDatabaseKind, versions: number): Promise<Measured[]> {
  const { seed, seedSeconds } = await seeded(database, versions);
  let copy: BenchDatabase | undefined;
  let child: ChildProcess | undefined;
  try {
    copy = await copyOf(database, seed);
    const port = await freePort();
    child = await startBrokerProcess(port, copy.url, BROKER_START_MS);
    const results: Measured[] = [];
    for (const call of chosenCalls(versions, callNames)) {
      const { p50, p99 } = await latency(port, call.next, samples);
      const rps = await throughput(port, call.next, CLIENTS, seconds);
      results.push({ database, versions, call, rps, p50, p99, rssMb: await rssMb(child), seedSeconds });
    }
    return results;
  } finally {
    if (child) await stopBrokerProcess(child);
    await copy?.drop();
    if (!keepSeeds) await seed.drop();
  }
}

const all: Measured[] = [];
for (const database of databases) for (const versions of versionCounts) all.push(...(await measure(database, versions)));

const p50At = (m: Measured, versions: number) => all.find((o) => o.database === m.database && o.call.name === m.call.name && o.versions === versions)?.p50;
const [few, many] = [Math.min(...versionCounts), Math.max(...versionCounts)];
await report(
  `Broker calls (issue 13): the broker process alone, history of 3 consumers × N versions × 2 providers; c${CLIENTS} for ${seconds} s (node:http keep-alive loops), one client for ${samples} requests; 2 cores shared with the load generator and other engineers' suites`,
  ['call', 'database', 'versions', `c${CLIENTS} req/s`, 'Ruby req/s (issue, PostgreSQL, 500)', '× Ruby', 'p50 ms', 'p99 ms', `p50 growth ${many}/${few}`, 'RSS MB', 'seeding s'],
  all.map((m) => {
    const growth = m.versions === many && few !== many ? (m.p50 / (p50At(m, few) ?? NaN)).toFixed(2) : '';
    return [m.call.name, m.database, m.versions, m.rps.toFixed(0), m.call.ruby, (m.rps / m.call.ruby).toFixed(1), m.p50.toFixed(2), m.p99.toFixed(2), growth, m.rssMb.toFixed(0), m.seedSeconds ? m.seedSeconds.toFixed(0) : 'kept'];
  }),
);
