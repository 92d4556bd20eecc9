/**
 * Issue 12: requests/s and p99 (wrk, 32 connections) of a docker tenant (our images) through the
 * gateway against the broker straight on its container address. Run on a version whose brokers
 * publish a port on 127.0.0.1 (before issue 12, when the gateway proxied there through the engine's
 * docker-proxy) it measures that port as well. Rounds alternate between the targets and the medians
 * are reported: on 2 shared cores a single run varies by ±30 %.
 */
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { httpRequest, median, removeDockerTenants, report, startPlatform, wrk, type WrkResult } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const tenant = `gwbench${randomBytes(2).toString('hex')}`;
const docker = new Dockerode();
const { port: gatewayPort, close } = await startPlatform({
  PACTSAFS_LOG_LEVEL: 'warn',
  PACTSAFS_RUNTIME: 'docker',
  PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local',
  PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15',
});

interface Target {
  label: string;
  url: (path: string) => string;
  host: string;
}

/** Where the broker container answers: its address (on pactsafs-gateway when it is there), and the loopback port it publishes, if any. */
async function brokerTargets(): Promise<{ direct: Target; published: Target | undefined }> {
  const broker = await docker.getContainer(`pactsafs-${tenant}-broker`).inspect();
  const networks = broker.NetworkSettings.Networks;
  const address = (networks['pactsafs-gateway'] ?? Object.values(networks)[0])?.IPAddress;
  if (!address) throw new Error('the broker container has no address');
  const hostPort = (broker.HostConfig.PortBindings?.['9292/tcp'] as Array<{ HostPort: string }> | undefined)?.[0]?.HostPort;
  return {
    direct: { label: 'broker straight on its container address', url: (path) => `http://${address}:9292${path}`, host: `${address}:9292` },
    published: hostPort
      ? { label: 'broker on its published port (docker-proxy)', url: (path) => `http://127.0.0.1:${hostPort}${path}`, host: `127.0.0.1:${hostPort}` }
      : undefined,
  };
}

try {
  const created = await httpRequest(gatewayPort, {
    method: 'POST',
    path: '/api/tenants',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: tenant }),
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const { direct, published } = await brokerTargets();
  const gateway: Target = {
    label: published ? 'gateway → published port (before issue 12)' : 'gateway → gateway-network address (issue 12)',
    url: (path) => `http://127.0.0.1:${gatewayPort}${path}`,
    host: `${tenant}.localhost:${gatewayPort}`,
  };
  const targets = [direct, ...(published ? [published] : []), gateway];
  const rows: Array<Array<string | number>> = [];
  for (const [label, urlPath] of [['GET heartbeat', '/diagnostic/status/heartbeat'], ['GET /', '/']] as const) {
    const results = new Map<Target, WrkResult[]>(targets.map((target) => [target, []]));
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) results.get(target)!.push(await wrk(target.url(urlPath), target.host, { seconds }));
    }
    if ([...results.values()].flat().some((result) => result.non2xx > 0)) throw new Error(`${label}: non-2xx answers`);
    const directRps = median(results.get(direct)!.map((r) => r.requestsPerSecond));
    for (const [target, runs] of results) {
      const rps = median(runs.map((r) => r.requestsPerSecond));
      rows.push([label, target.label, rps.toFixed(0), median(runs.map((r) => r.p99Ms)).toFixed(2), (rps / directRps).toFixed(2)]);
    }
  }
  await report(
    `Docker tenant throughput (our images), ${published ? 'brokers published on 127.0.0.1' : 'brokers on pactsafs-gateway, no published port'}: wrk -c32 -d${seconds}s, median of ${rounds} alternating rounds, 2 cores shared by load generator, gateway and broker`,
    ['request', 'served by', 'requests/s', 'p99 ms', '× container address'],
    rows,
  );
} finally {
  await close('SIGTERM');
  await removeDockerTenants([tenant]);
}
