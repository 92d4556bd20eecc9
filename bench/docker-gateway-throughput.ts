/**
 * Issues 12 and 13 (target 2): requests/s, p99 (wrk, 32 connections) and CPU per request of a docker
 * tenant (our images) straight on its container address, through Debian's nginx in front of the same
 * container, and through our gateway. Run on a version whose brokers publish a port on 127.0.0.1
 * (before issue 12) it measures that port as well. Rounds alternate between the targets and the
 * medians are reported: on 2 shared cores a single run varies by ±30 %. CPU is utime+stime from
 * /proc over each round (the proxy's processes, and the broker container's), divided by its requests.
 * Issue 13: minimal Node proxies run beside them: node:http's server with http.request or undici
 * (node-proxy-floor-server.ts, undici-proxy-floor-server.ts), the floor of Node's own HTTP stack, so the
 * gateway's CPU splits into Node's share and the gateway's own; a TCP pipe (tcp-pipe-floor-server.ts),
 * the least any Node proxy spends; and a front without node:http (raw-http-front-floor-server.ts).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import Dockerode from 'dockerode';
import { startNginxProxy } from './nginx-proxy.js';
import { startNodeProxyFloor } from './node-proxy-floor.js';
import { cpuMicros, processTree } from './process-cpu.js';
import { httpRequest, median, removeDockerTenants, report, startDockerBenchPlatform, wrk, type WrkResult } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const tenant = `gwbench${randomBytes(2).toString('hex')}`;
const heartbeat = '/diagnostic/status/heartbeat';
const docker = new Dockerode();
const { port: gatewayPort, platform, close } = await startDockerBenchPlatform({ PACTSAFS_RUNTIME: 'docker' });

interface Target {
  label: string;
  url: (path: string) => string;
  host: string;
  /** The proxy's processes whose CPU is counted; none for the broker itself. */
  proxyPids: number[];
}

interface Round extends WrkResult {
  proxyMicrosPerRequest: number;
  brokerMicrosPerRequest: number;
  /** The platform's CPU over the round, whichever target it was: in other targets' rounds, its background work. */
  platformMicrosPerSecond: number;
}

/** The broker container: its address (on pactsafs-gateway when it is there), the loopback port it publishes if any, its processes. */
async function brokerContainer(): Promise<{ address: string; hostPort: string | undefined; pids: number[] }> {
  const broker = await docker.getContainer(`pactsafs-${tenant}-broker`).inspect();
  const networks = broker.NetworkSettings.Networks;
  const address = (networks['pactsafs-gateway'] ?? Object.values(networks)[0])?.IPAddress;
  if (!address) throw new Error('the broker container has no address');
  const hostPort = (broker.HostConfig.PortBindings?.['9292/tcp'] as Array<{ HostPort: string }> | undefined)?.[0]?.HostPort;
  return { address, hostPort, pids: await processTree(broker.State.Pid) };
}

/** One wrk round against `target`, with the CPU its proxy and the broker used meanwhile. */
async function measure(target: Target, urlPath: string, brokerPids: number[]): Promise<Round> {
  const cpu = () => Promise.all([cpuMicros(target.proxyPids), cpuMicros(brokerPids), cpuMicros([platform.pid!])]);
  const [proxyBefore, brokerBefore, platformBefore] = await cpu();
  const result = await wrk(target.url(urlPath), target.host, { seconds });
  const [proxyAfter, brokerAfter, platformAfter] = await cpu();
  // wrk's rate is its request count over its elapsed time: the count is rate × duration.
  const requests = result.requestsPerSecond * seconds;
  return {
    ...result,
    proxyMicrosPerRequest: (proxyAfter - proxyBefore) / requests,
    brokerMicrosPerRequest: (brokerAfter - brokerBefore) / requests,
    platformMicrosPerSecond: (platformAfter - platformBefore) / seconds,
  };
}

/** The machine's 1-minute load average: the bench shares 2 cores with others' work, so it is printed beside the figures. */
function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}

const stops: Array<() => Promise<void>> = [];
try {
  const created = await httpRequest(gatewayPort, {
    method: 'POST',
    path: '/api/tenants',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: tenant }),
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const broker = await brokerContainer();
  const nginx = await startNginxProxy(`${broker.address}:9292`, heartbeat);
  stops.push(nginx.stop);
  const floor = await startNodeProxyFloor(`${broker.address}:9292`, heartbeat);
  stops.push(floor.stop);
  const undiciFloor = await startNodeProxyFloor(`${broker.address}:9292`, heartbeat, 'undici-proxy-floor-server.ts');
  stops.push(undiciFloor.stop);
  const pipeFloor = await startNodeProxyFloor(`${broker.address}:9292`, heartbeat, 'tcp-pipe-floor-server.ts');
  stops.push(pipeFloor.stop);
  const rawFront = await startNodeProxyFloor(`${broker.address}:9292`, heartbeat, 'raw-http-front-floor-server.ts');
  stops.push(rawFront.stop);
  const direct: Target = { label: 'broker straight on its container address', url: (p) => `http://${broker.address}:9292${p}`, host: `${broker.address}:9292`, proxyPids: [] };
  const published: Target | undefined = broker.hostPort
    ? { label: 'broker on its published port (docker-proxy)', url: (p) => `http://127.0.0.1:${broker.hostPort}${p}`, host: `127.0.0.1:${broker.hostPort}`, proxyPids: [] }
    : undefined;
  /** A proxy on a loopback port of its own, asked for the tenant by its host name; `pids` are the processes whose CPU is counted. */
  const proxyTarget = (label: string, port: number, pids: number[]): Target => ({
    label,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    host: `${tenant}.localhost:${port}`,
    proxyPids: pids,
  });
  const nginxTarget = proxyTarget('nginx 1 worker → container address (keep-alive upstream)', nginx.port, await processTree(nginx.pid));
  const nodeFloor = proxyTarget('minimal Node proxy → container address (http.createServer + http.request, keep-alive agent)', floor.port, [floor.pid]);
  const undiciNodeFloor = proxyTarget(
    'minimal Node proxy with undici → container address (http.createServer + undici Pool.dispatch, keep-alive)',
    undiciFloor.port,
    [undiciFloor.pid],
  );
  const tcpPipeFloor = proxyTarget('Node TCP pipe → container address (net, a broker connection per client connection, no HTTP parsing)', pipeFloor.port, [pipeFloor.pid]);
  const rawFrontTarget = proxyTarget(
    "Node raw HTTP front → container address (net + http-parser-js both ways, the gateway's forwarded headers and pool; no routing or checks)",
    rawFront.port,
    [rawFront.pid],
  );
  const gateway = proxyTarget(published ? 'gateway → published port (before issue 12)' : 'gateway → gateway-network address', gatewayPort, [platform.pid!]);
  const targets = [direct, ...(published ? [published] : []), nginxTarget, nodeFloor, undiciNodeFloor, tcpPipeFloor, rawFrontTarget, gateway];
  const loadBefore = loadAverage();
  const rows: Array<Array<string | number>> = [];
  const ratios: Array<Array<string | number>> = [];
  for (const [label, urlPath] of [['GET heartbeat', heartbeat], ['GET /', '/']] as const) {
    const results = new Map<Target, Round[]>(targets.map((target) => [target, []]));
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) results.get(target)!.push(await measure(target, urlPath, broker.pids));
    }
    if ([...results.values()].flat().some((result) => result.non2xx > 0)) throw new Error(`${label}: non-2xx answers`);
    const medianOf = (target: Target, field: keyof Round) => median(results.get(target)!.map((r) => r[field]));
    const directRps = medianOf(direct, 'requestsPerSecond');
    for (const target of targets) {
      const rps = medianOf(target, 'requestsPerSecond');
      const proxyCpu = target.proxyPids.length ? medianOf(target, 'proxyMicrosPerRequest').toFixed(0) : '–';
      rows.push([label, target.label, rps.toFixed(0), medianOf(target, 'p99Ms').toFixed(2), (rps / directRps).toFixed(2), proxyCpu, medianOf(target, 'brokerMicrosPerRequest').toFixed(0)]);
    }
    const rpsRatio = medianOf(gateway, 'requestsPerSecond') / medianOf(nginxTarget, 'requestsPerSecond');
    const cpuRatio = medianOf(gateway, 'proxyMicrosPerRequest') / medianOf(nginxTarget, 'proxyMicrosPerRequest');
    // The platform also runs the control plane (watchers, timers): its CPU while it proxies nothing, per second.
    const background = median(targets.filter((target) => target !== gateway).flatMap((target) => results.get(target)!.map((r) => r.platformMicrosPerSecond)));
    const gatewayNet = medianOf(gateway, 'proxyMicrosPerRequest') - background / medianOf(gateway, 'requestsPerSecond');
    const nginxCpu = medianOf(nginxTarget, 'proxyMicrosPerRequest');
    const floorCpu = medianOf(nodeFloor, 'proxyMicrosPerRequest');
    const undiciFloorCpu = medianOf(undiciNodeFloor, 'proxyMicrosPerRequest');
    const pipeFloorCpu = medianOf(tcpPipeFloor, 'proxyMicrosPerRequest');
    const rawFrontCpu = medianOf(rawFrontTarget, 'proxyMicrosPerRequest');
    ratios.push([
      label, rpsRatio.toFixed(2), rpsRatio >= 0.8 ? 'met' : 'missed', cpuRatio.toFixed(1), cpuRatio <= 2 ? 'met' : 'missed', (background / 1000).toFixed(1),
      (gatewayNet / nginxCpu).toFixed(1), (floorCpu / nginxCpu).toFixed(1), (gatewayNet / floorCpu).toFixed(2), (undiciFloorCpu / nginxCpu).toFixed(1),
      (floorCpu / undiciFloorCpu).toFixed(2), (pipeFloorCpu / nginxCpu).toFixed(1), (rawFrontCpu / nginxCpu).toFixed(1),
    ]);
  }
  const setting = published ? 'brokers published on 127.0.0.1' : 'brokers on pactsafs-gateway, no published port';
  const load = `load average ${loadBefore.toFixed(1)} before, ${loadAverage().toFixed(1)} after`;
  await report(
    `Docker tenant throughput (our images), ${setting}: wrk -c32 -d${seconds}s, median of ${rounds} alternating rounds, 2 cores shared by load generator, proxies and broker; ${load}`,
    ['request', 'served by', 'requests/s', 'p99 ms', '× container address', 'proxy CPU µs/request', 'broker CPU µs/request'],
    rows,
  );
  await report(
    `Gateway against nginx in front of the same docker tenant, same run (issue 13, target 2: ≥ 0.8 × requests/s, ≤ 2 × CPU per request); ${load}`,
    [
      'request', 'gateway/nginx requests/s', 'target ≥ 0.8', 'gateway/nginx CPU per request', 'target ≤ 2', 'platform CPU ms/s proxying nothing', 'the same less that background',
      'minimal Node proxy/nginx CPU per request', 'gateway (less background)/minimal Node proxy CPU', 'minimal undici proxy/nginx CPU per request',
      'http.request floor/undici floor CPU (≥ 1.3: undici worth it)', 'Node TCP pipe/nginx CPU per request (the least any Node proxy spends)', 'raw HTTP front/nginx CPU per request (a gateway without node:http, before its own work)',
    ],
    ratios,
  );
} finally {
  for (const stop of stops) await stop();
  await close('SIGTERM');
  await removeDockerTenants([tenant]);
}
