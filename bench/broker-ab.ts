/**
 * `npm run bench -- broker-ab` (team issue 13): the broker's CPU per request at another commit
 * (BENCH_AB_BASELINE, required: a hash, a branch, HEAD~3) against a candidate in the same conditions:
 * this working tree, or the commit BENCH_AB_CANDIDATE names (the shared tree holds others' uncommitted
 * work). Absolute req/s on the shared 2-core machine move by 20-30 % between runs; rounds alternating
 * between the two checkouts (baseline, candidate, baseline, …) see the same load. Each round starts that
 * checkout's `npm run broker` on a fresh copy of a kept PostgreSQL seed (publish writes), warms it up,
 * runs 8 keep-alive clients and reads from /proc the CPU of the broker process and of the PostgreSQL
 * backends serving the copy (the test PostgreSQL is a local process). BENCH_BROKER_VERSIONS (default
 * `500,5000`), BENCH_BROKER_CALLS (as in bench/broker-calls.ts), BENCH_AB_ROUNDS (rounds a side,
 * default 2), BENCH_SECONDS (default 5).
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import type { HistoryCall } from '../broker/test-support/history-fixture.js';
import { repoRoot } from '../test/support/platform-process.js';
import { benchSeedName, checkKind, copyOf, existingSeed, type BenchDatabase } from './bench-database.js';
import { brokerClient, chosenCalls, throughput } from './broker-load.js';
import { checkoutCommit, git, type CommitCheckout } from './commit-checkout.js';
import { cpuMicros, processTree } from './process-cpu.js';
import { freePort, report, startBrokerProcess, stopBrokerProcess } from './support.js';

const baseline = process.env.BENCH_AB_BASELINE;
const candidate = process.env.BENCH_AB_CANDIDATE;
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 2);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const versionCounts = (process.env.BENCH_BROKER_VERSIONS ?? '500,5000').split(',').map(Number);
const callNames = process.env.BENCH_BROKER_CALLS?.split(',').map((name) => name.trim());
const CLIENTS = 8;
/** Unmeasured requests first: tsx compiles, statements get prepared, the database pool opens its connections. */
const WARMUP = 50;
/** tsx compiling the broker on a loaded machine takes longer than a heartbeat wait usually allows. */
const BROKER_START_MS = 60_000;
const SIDES = ['baseline', 'candidate'] as const;
type Side = (typeof SIDES)[number];

interface Round {
  side: Side;
  requests: number;
  rps: number;
  brokerMicros: number;
  postgresMicros: number;
  /** The 1-minute load average at the round's end. */
  load: number;
}

/** Steps still to undo, oldest first: each runs at the end of its work, or on SIGINT/SIGTERM. */
const undo: Array<() => Promise<void>> = [];

/** Runs `work`, then `release` (once, even if a signal ran it meanwhile). */
async function holding<T>(release: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  let released: Promise<void> | undefined;
  const once = () => (released ??= release());
  undo.push(once);
  try {
    return await work();
  } finally {
    undo.splice(undo.indexOf(once), 1);
    await once();
  }
}

function onSignal(): void {
  void (async () => {
    for (const step of [...undo].reverse()) await step().catch(() => {});
    process.exit(130);
  })();
}

async function keptSeed(versions: number): Promise<BenchDatabase> {
  const seed = await existingSeed('postgres', benchSeedName(versions));
  if (seed) return seed;
  throw new Error(
    `The kept seed ${benchSeedName(versions)} is not on the test PostgreSQL: make it once with ` +
      `BENCH_BROKER_DATABASES=postgres BENCH_BROKER_VERSIONS=${versions} BENCH_BROKER_SEED_CACHE=true BENCH_BROKER_CALLS='GET /' npm run bench -- broker`,
  );
}

/** CPU microseconds of each PostgreSQL backend serving `database` (pids from pg_stat_activity, CPU from /proc). */
async function backendCpu(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'", [database]);
  return new Map(await Promise.all(rows.map(async ({ pid }) => [pid, await cpuMicros([pid])] as const)));
}

/** Warms the broker up, then loads it for BENCH_SECONDS with the CPU it and its backends used meanwhile. */
async function loadRound(side: Side, broker: ChildProcess, port: number, admin: pg.Client, database: string, call: HistoryCall): Promise<Round> {
  const warm = brokerClient(port, CLIENTS);
  await Promise.all(Array.from({ length: WARMUP }, () => warm.send(call.next()))).finally(() => warm.close());
  const brokerPids = await processTree(broker.pid!);
  const [brokerBefore, backendsBefore] = [await cpuMicros(brokerPids), await backendCpu(admin, database)];
  const started = process.hrtime.bigint();
  const rps = await throughput(port, call.next, CLIENTS, seconds);
  const requests = rps * (Number(process.hrtime.bigint() - started) / 1e9);
  const [brokerAfter, backendsAfter] = [await cpuMicros(brokerPids), await backendCpu(admin, database)];
  // A backend opened during the round counts from zero; one closed during it would be lost (the pool keeps them 10 s idle).
  const gone = [...backendsBefore.keys()].filter((pid) => !backendsAfter.has(pid));
  if (gone.length > 0) process.stdout.write(`  ${gone.length} PostgreSQL backend(s) closed during the round: their CPU is missing\n`);
  let postgresMicros = 0;
  for (const [pid, micros] of backendsAfter) postgresMicros += micros - (backendsBefore.get(pid) ?? 0);
  return { side, requests, rps, brokerMicros: brokerAfter - brokerBefore, postgresMicros, load: os.loadavg()[0] ?? 0 };
}

/** One round: `dir`'s broker on a fresh copy of `seed` (dropped afterwards). */
async function round(side: Side, dir: string, seed: BenchDatabase, admin: pg.Client, call: HistoryCall): Promise<Round> {
  const copy = await copyOf('postgres', seed);
  return holding(copy.drop, async () => {
    const port = await freePort();
    const broker = await startBrokerProcess(port, copy.url, BROKER_START_MS, dir);
    return holding(() => stopBrokerProcess(broker), () => loadRound(side, broker, port, admin, new URL(copy.url).pathname.slice(1), call));
  });
}

const range = (values: number[]) => `${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)}`;
const cpuPerRequest = (rounds: Round[]) => rounds.reduce((sum, r) => sum + r.brokerMicros + r.postgresMicros, 0) / rounds.reduce((sum, r) => sum + r.requests, 0);

/**
 * A table row: each side's figures per round (baseline first), and baseline/candidate of all rounds' CPU
 * per request with the range of the rounds' pairs (how far one pair can be from it: the noise).
 */
function row(callName: string, versions: number, measured: Round[]): string[] {
  const of = (side: Side) => measured.filter((r) => r.side === side);
  const pairs = of('baseline').map((r, i) => cpuPerRequest([r]) / cpuPerRequest([of('candidate')[i]!]));
  const perRound = (figure: (r: Round) => string) => SIDES.map((side) => of(side).map(figure).join(' / '));
  return [
    callName,
    String(versions),
    ...perRound((r) => r.rps.toFixed(0)),
    ...perRound((r) => (r.brokerMicros / r.requests / 1000).toFixed(2)),
    ...perRound((r) => (r.postgresMicros / r.requests / 1000).toFixed(2)),
    range(measured.map((r) => r.load)),
    `${(cpuPerRequest(of('baseline')) / cpuPerRequest(of('candidate'))).toFixed(2)} (${Math.min(...pairs).toFixed(2)}-${Math.max(...pairs).toFixed(2)})`,
  ];
}

async function compare(dirs: Record<Side, string>, admin: pg.Client): Promise<{ rows: string[][]; loads: number[] }> {
  const [rows, loads]: [string[][], number[]] = [[], []];
  for (const versions of versionCounts) {
    const seed = await keptSeed(versions);
    for (const { name } of chosenCalls(versions, callNames)) {
      const measured: Round[] = [];
      for (let i = 0; i < rounds; i++) {
        for (const side of SIDES) {
          // A fresh set of calls per round: publish numbers its versions from 0 on each copy, the same for both sides.
          const call = chosenCalls(versions, [name])[0]!;
          const r = await round(side, dirs[side], seed, admin, call);
          measured.push(r);
          const ms = (micros: number) => (micros / r.requests / 1000).toFixed(2);
          process.stdout.write(`${name}, ${versions} versions, round ${i + 1}, ${side}: ${r.rps.toFixed(0)} req/s, broker ${ms(r.brokerMicros)} ms, PostgreSQL ${ms(r.postgresMicros)} ms a request, load ${r.load.toFixed(1)}\n`);
        }
      }
      rows.push(row(name, versions, measured));
      loads.push(...measured.map((r) => r.load));
    }
  }
  return { rows, loads };
}

/** The candidate's checkout: BENCH_AB_CANDIDATE's commit, or this working tree (no checkout to remove). */
async function candidateCheckout(): Promise<CommitCheckout> {
  if (candidate) return checkoutCommit('BENCH_AB_CANDIDATE', candidate);
  const dirty = (await git('status', '--porcelain', '--', 'broker', 'shared')) === '' ? '' : ' with uncommitted changes under broker/ or shared/';
  return { dir: repoRoot, label: `this tree (HEAD ${await git('rev-parse', '--short', 'HEAD')}${dirty})`, remove: async () => {} };
}

if (!baseline) throw new Error('BENCH_AB_BASELINE is required: the commit to compare with, e.g. BENCH_AB_BASELINE=HEAD~3 npm run bench -- broker-ab');
checkKind('postgres');
for (const versions of versionCounts) await keptSeed(versions);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);
try {
  const admin = new pg.Client({ connectionString: process.env.PACTSAFS_TEST_POSTGRES_URL });
  const base = await checkoutCommit('BENCH_AB_BASELINE', baseline);
  const { cand, rows, loads } = await holding(base.remove, async () => {
    const cand = await candidateCheckout();
    return holding(cand.remove, async () => {
      await admin.connect();
      return { cand, ...(await holding(() => admin.end(), () => compare({ baseline: base.dir, candidate: cand.dir }, admin))) };
    });
  });
  await report(
    `Broker A/B (team issue 13): baseline ${base.label} (BENCH_AB_BASELINE=${baseline}) against candidate ${candidate ? `${cand.label} (BENCH_AB_CANDIDATE=${candidate})` : cand.label} on PostgreSQL; ` +
      `${rounds} alternating rounds a side, each a fresh copy of the kept seed, ${WARMUP} warm-up requests, c${CLIENTS} for ${seconds} s; ` +
      `CPU from /proc of the broker process and the copy's PostgreSQL backends; figures per round, baseline's first; load average ${range(loads)}`,
    ['call', 'versions', 'req/s baseline', 'req/s candidate', 'broker CPU ms/request baseline', 'broker CPU ms/request candidate', 'PostgreSQL CPU ms/request baseline', 'PostgreSQL CPU ms/request candidate', 'load average', 'baseline/candidate CPU per request (range of the rounds)'],
    rows,
  );
} finally {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
}
