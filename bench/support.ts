import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import Dockerode from 'dockerode';
import { removeTenantObjects } from '../test/support/docker-cleanup.js';
import { httpRequest } from '../test/support/http-client.js';
import { repoRoot, startPlatform, type StartedPlatform } from '../test/support/platform-process.js';

export { freePort, startPlatform, temporaryDataDir } from '../test/support/platform-process.js';
export { httpRequest } from '../test/support/http-client.js';

/** Removes what docker tenants named `tenants` left on the engine (a bench that fails half-way leaves them running). */
export function removeDockerTenants(tenants: string[]): Promise<void> {
  return removeTenantObjects(new Dockerode(), tenants);
}

/** `BENCH_CPU_PROF=<dir>`: the platform writes a V8 CPU profile there when it stops (Node refuses --cpu-prof in NODE_OPTIONS). */
const PROFILED_PLATFORM_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, '--import', 'tsx', 'main.ts'] : undefined;

/** The platform for a docker bench: logging at warn, docker tenants on our images (`npm run images`). */
export function startDockerBenchPlatform(env: Record<string, string> = {}): Promise<StartedPlatform> {
  return startPlatform(
    { PACTSAFS_LOG_LEVEL: 'warn', PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15', ...env },
    PROFILED_PLATFORM_ARGS,
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
}

/** Runs wrk (Debian package `wrk`) against a loopback URL with a Host header. */
export function wrk(url: string, host: string, options: { connections?: number; seconds?: number } = {}): Promise<WrkResult> {
  const args = ['-t2', `-c${options.connections ?? 32}`, `-d${options.seconds ?? 10}s`, '--latency', '-H', `Host: ${host}`, url];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, (error, stdout) => {
      if (error) return reject(new Error(`wrk failed (is the Debian package wrk installed?): ${error.message}`));
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
      const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(stdout);
      const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
      if (!rps || !p99) return reject(new Error(`cannot read wrk's output:\n${stdout}`));
      const unit = { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's'];
      resolve({ requestsPerSecond: Number(rps), p99Ms: Number(p99[1]) * unit, non2xx });
    });
  });
}

/** `npm run broker`'s process: the broker app alone on its own port (the "direct" baseline). */
export function startStandaloneBroker(port: number, databaseFile: string): Promise<ChildProcess> {
  return startBrokerProcess(port, `sqlite://${databaseFile}`);
}

/** `npm run broker`'s process on any database URL, once it answers its heartbeat; `cwd` another checkout's (bench/broker-ab.ts). */
export async function startBrokerProcess(port: number, databaseUrl: string, waitMs = 10_000, cwd = repoRoot): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'broker/main.ts'], {
    cwd,
    env: { ...process.env, PACT_BROKER_PORT: String(port), PACT_BROKER_DATABASE_URL: databaseUrl, PACT_BROKER_LOG_LEVEL: 'warn' },
    // Both sides log at warn (the bench starts the platform with PACTSAFS_LOG_LEVEL=warn): no request log on either.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < waitMs / 50; i++) {
    const ok = await httpRequest(port, { path: '/diagnostic/status/heartbeat' }).then((r) => r.status === 200, () => false);
    if (ok) return child;
    // A broker that cannot start (a checkout that does not compile) says why on stderr: no need to wait the whole time.
    if (child.exitCode !== null) throw new Error(`the standalone broker in ${cwd} exited with code ${child.exitCode} before answering its heartbeat`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error(`the standalone broker did not answer its heartbeat within ${waitMs / 1000} s`);
}

/** Stops a process started by {@link startBrokerProcess} and waits for its exit. */
export async function stopBrokerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Prints a Markdown table and appends it to bench/results.md. */
export async function report(title: string, header: string[], rows: Array<Array<string | number>>): Promise<void> {
  const lines = [`## ${title}`, '', `_${new Date().toISOString()}, ${process.version}_`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  const text = lines.join('\n') + '\n\n';
  process.stdout.write(text);
  await appendFile(path.join(repoRoot, 'bench/results.md'), text);
}
