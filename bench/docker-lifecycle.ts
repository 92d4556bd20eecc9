/**
 * Docker runtime (our images): create → first 200 through the gateway, stop, start, remove
 * (median of 5), idle memory of the broker and db containers, image sizes.
 */
import Dockerode from 'dockerode';
import { httpRequest, median, removeDockerTenants, report, startDockerBenchPlatform } from './support.js';

const RUNS = Number(process.env.BENCH_DOCKER_RUNS ?? 5);
const names = Array.from({ length: RUNS }, (_, i) => `bench-docker-${i}`);
const docker = new Dockerode();
const { port, close } = await startDockerBenchPlatform({ PACTSAFS_RUNTIME: 'docker' });
const api = (method: string, path: string, body?: unknown) =>
  httpRequest(port, { method, path, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

async function timed(action: () => Promise<{ status: number; body: string }>, expected: number): Promise<number> {
  const started = performance.now();
  const answer = await action();
  if (answer.status !== expected) throw new Error(`expected ${expected}, got ${answer.status}: ${answer.body}`);
  return performance.now() - started;
}

try {
  const phases = { create: [] as number[], stop: [] as number[], start: [] as number[], remove: [] as number[] };
  const memory: Array<[number, number]> = [];
  for (let i = 0; i < RUNS; i++) {
    const name = names[i]!;
    // create answers once the heartbeat answers through the gateway: that is "first 200".
    phases.create.push(await timed(() => api('POST', '/api/tenants', { name }), 201));
    if (i === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5000)); // let both settle before measuring idle memory
      const stats = await Promise.all(['broker', 'db'].map((role) => docker.getContainer(`pactsafs-${name}-${role}`).stats({ stream: false })));
      for (const s of stats) memory.push([s.memory_stats.usage ?? 0, s.memory_stats.stats?.cache ?? s.memory_stats.stats?.inactive_file ?? 0]);
    }
    phases.stop.push(await timed(() => api('POST', `/api/tenants/${name}/stop`), 200));
    phases.start.push(await timed(() => api('POST', `/api/tenants/${name}/start`), 200));
    phases.remove.push(await timed(() => api('DELETE', `/api/tenants/${name}`), 204));
  }
  await report(`Docker runtime lifecycle (our images), median of ${RUNS}`, ['phase', 'median ms', 'min ms', 'max ms'],
    Object.entries(phases).map(([phase, values]) => [phase, median(values).toFixed(0), Math.min(...values).toFixed(0), Math.max(...values).toFixed(0)]));
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  await report('Idle memory of one docker tenant (docker stats, 5 s after create)', ['container', 'usage MiB', 'usage − page cache MiB'],
    [['broker', mib(memory[0]![0]), mib(memory[0]![0] - memory[0]![1])], ['db', mib(memory[1]![0]), mib(memory[1]![0] - memory[1]![1])]]);
  const images = await Promise.all(['pactsafs/broker:local', 'pactsafs/postgres:15', 'pactsafs/debian:bookworm'].map(async (tag) => [tag, mib((await docker.getImage(tag).inspect()).Size)]));
  await report('Image sizes', ['image', 'MiB'], images);
} finally {
  await close('SIGTERM');
  // Tenant containers outlive the platform: a run that failed half-way leaves them to remove here.
  await removeDockerTenants(names);
}
