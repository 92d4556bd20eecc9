/** Requests/s and p99 (wrk, 32 connections) through the gateway against the same broker app served directly. */
import path from 'node:path';
import { freePort, httpRequest, PlatformProcess, report, startStandaloneBroker, temporaryDataDir, wrk } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const data = await temporaryDataDir();
const gatewayPort = await freePort();
const directPort = await freePort();
const platform = new PlatformProcess(gatewayPort, path.join(data.dir, 'platform'));
await platform.start();
const direct = await startStandaloneBroker(directPort, path.join(data.dir, 'direct.sqlite'));
try {
  const created = await httpRequest(gatewayPort, {
    method: 'POST',
    path: '/api/tenants',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const rows: Array<Array<string | number>> = [];
  for (const [label, urlPath] of [['GET /', '/'], ['GET heartbeat', '/diagnostic/status/heartbeat']] as const) {
    const direct = await wrk(`http://127.0.0.1:${directPort}${urlPath}`, `127.0.0.1:${directPort}`, { seconds });
    const gateway = await wrk(`http://127.0.0.1:${gatewayPort}${urlPath}`, `bench.localhost:${gatewayPort}`, { seconds });
    for (const result of [direct, gateway]) if (result.non2xx > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers`);
    rows.push([label, 'direct (own process)', direct.requestsPerSecond.toFixed(0), direct.p99Ms.toFixed(2), '1.00']);
    rows.push([label, 'gateway (in-process tenant)', gateway.requestsPerSecond.toFixed(0), gateway.p99Ms.toFixed(2),
      (gateway.requestsPerSecond / direct.requestsPerSecond).toFixed(2)]);
  }
  await report(`Throughput, wrk -c32 -d${seconds}s, 2 cores shared by load generator and server`,
    ['request', 'served by', 'requests/s', 'p99 ms', '× direct'], rows);
} finally {
  direct.kill('SIGTERM');
  await platform.stop();
  await data.remove();
}
