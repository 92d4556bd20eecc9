/**
 * Backup and restore throughput (MB/s of archive) and the platform's peak RSS while each runs, for
 * a tenant holding at least 200 MB of pact content (team issue 4, backup and restore). Embedded always; docker too when
 * an engine answers and BENCH_DOCKER is not "false" (our images, `npm run images`).
 */
import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadavg } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { cpuMicros } from './process-cpu.js';
import { removeDockerTenants, report, startDockerBenchPlatform } from './support.js';

/** `BENCH_BACKUP_PACTS` (default 220, about 220 MB): more shows whether memory grows with the data. */
const PACTS = Number(process.env.BENCH_BACKUP_PACTS ?? 220);
const INTERACTIONS_PER_PACT = 100;
const BODY_BYTES = 10_000; // about 1 MB of content per pact, each pact unique

const { port, dataDir, platform, close } = await startDockerBenchPlatform();
const api = (pathname: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${pathname}`, init);

/** Resets the platform's peak-RSS mark (Linux: `5` to clear_refs), so each phase reads its own peak; answers the RSS it starts from. */
async function resetPeakRss(): Promise<number> {
  await writeFile(`/proc/${platform.pid}/clear_refs`, '5');
  return memoryMiB('VmRSS');
}

async function memoryMiB(field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${platform.pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
}

/**
 * CPU seconds the platform and, for a docker tenant, its database container (the engine's cgroup
 * count: backends that exit meanwhile count too) have used so far. Team issue 13: on 2 shared cores
 * the MB/s follow the machine's load; the CPU a restore costs does not.
 */
async function cpuSeconds(tenant?: string): Promise<{ platform: number; database?: number }> {
  const platformSeconds = (await cpuMicros([platform.pid!])) / 1e6;
  if (!tenant) return { platform: platformSeconds };
  const stats = (await new Dockerode().getContainer(`pactsafs-${tenant}-db`).stats({ stream: false, 'one-shot': true })) as { cpu_stats: { cpu_usage: { total_usage: number } } };
  return { platform: platformSeconds, database: stats.cpu_stats.cpu_usage.total_usage / 1e9 };
}

async function createTenant(name: string, runtime: string): Promise<void> {
  const answer = await api('/api/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, runtime }) });
  if (answer.status !== 201) throw new Error(`creating ${name} answered ${answer.status}: ${await answer.text()}`);
}

async function publishContent(tenant: string): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < PACTS; i++) {
    const interactions = Array.from({ length: INTERACTIONS_PER_PACT }, (_, n) => ({
      description: `request ${n} of pact ${i}`,
      request: { method: 'GET', path: `/items/${n}` },
      response: { status: 200, body: { blob: randomBytes(BODY_BYTES / 2).toString('hex') } },
    }));
    const body = JSON.stringify({ consumer: { name: `Consumer${i}` }, provider: { name: 'Provider' }, interactions, metadata: { pactSpecification: { version: '2.0.0' } } });
    bytes += body.length;
    const put = await fetch(`http://127.0.0.1:${port}/t/${tenant}/pacts/provider/Provider/consumer/Consumer${i}/version/1.0.0`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    if (put.status >= 300) throw new Error(`publishing answered ${put.status}: ${await put.text()}`);
  }
  return bytes;
}

/** Downloads the tenant's backup to a file; answers the archive's size, seconds, peak RSS and CPU. */
async function backup(tenant: string, file: string, docker = false) {
  const rssBefore = await resetPeakRss();
  const cpuBefore = await cpuSeconds(docker ? tenant : undefined);
  const started = performance.now();
  const answer = await api(`/api/tenants/${tenant}/backup`);
  if (answer.status !== 200 || !answer.body) throw new Error(`backup answered ${answer.status}`);
  await pipeline(Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream), createWriteStream(file));
  const seconds = (performance.now() - started) / 1000;
  return { bytes: (await stat(file)).size, seconds, rssBefore, rss: await memoryMiB('VmHWM'), cpu: spent(cpuBefore, await cpuSeconds(docker ? tenant : undefined)) };
}

async function restore(tenant: string, file: string, docker = false) {
  const rssBefore = await resetPeakRss();
  const { size } = await stat(file);
  const cpuBefore = await cpuSeconds(docker ? tenant : undefined);
  const started = performance.now();
  const answer = await api(`/api/tenants/${tenant}/restore`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-tar', 'Content-Length': String(size) },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (answer.status !== 200) throw new Error(`restore answered ${answer.status}: ${await answer.text()}`);
  const seconds = (performance.now() - started) / 1000;
  return { bytes: size, seconds, rssBefore, rss: await memoryMiB('VmHWM'), cpu: spent(cpuBefore, await cpuSeconds(docker ? tenant : undefined)) };
}

function spent(before: { platform: number; database?: number }, after: { platform: number; database?: number }) {
  return { platform: after.platform - before.platform, database: before.database === undefined ? undefined : after.database! - before.database };
}

const mb = (bytes: number) => bytes / 1e6;
try {
  const rows: Array<Array<string | number>> = [];
  await createTenant('big', 'embedded');
  const content = await publishContent('big');
  const archive = path.join(dataDir, 'big.tar');
  const row = (runtime: string, operation: string, result: { bytes: number; seconds: number; rssBefore: number; rss: number; cpu: { platform: number; database?: number } }) =>
    rows.push([
      runtime, operation, mb(result.bytes).toFixed(0), result.seconds.toFixed(2), (mb(result.bytes) / result.seconds).toFixed(1),
      result.cpu.platform.toFixed(1), result.cpu.database?.toFixed(1) ?? '–', (loadavg()[0] ?? 0).toFixed(1), result.rssBefore.toFixed(0), result.rss.toFixed(0),
    ]);
  row('embedded', 'backup', await backup('big', archive));
  row('embedded', 'restore', await restore('big', archive));

  const health = await (await api('/api/health')).json() as { runtimes?: string[] };
  if (process.env.BENCH_DOCKER !== 'false' && health.runtimes?.includes('docker')) {
    await createTenant('bigdock', 'docker');
    row('docker', 'restore (from the embedded backup)', await restore('bigdock', archive, true));
    row('docker', 'backup', await backup('bigdock', path.join(dataDir, 'bigdock.tar'), true));
    await api('/api/tenants/bigdock', { method: 'DELETE' });
  }
  await report(
    `Backup and restore of a tenant with ${mb(content).toFixed(0)} MB of pact content (${PACTS} pacts)`,
    ['runtime', 'operation', 'archive MB', 'seconds', 'MB/s', 'platform CPU s', 'tenant PostgreSQL CPU s', 'load average after', 'platform RSS before, MiB', 'platform peak RSS during, MiB'],
    rows,
  );
} finally {
  await close('SIGTERM');
  // Tenant containers outlive the platform: a run that failed half-way leaves them to remove here.
  await removeDockerTenants(['bigdock']);
}
