/**
 * Requests/s and p99 (wrk, 32 connections) through the gateway against the same broker app served
 * directly. Rounds alternate between the two and the medians are reported: on 2 shared cores a
 * single 10 s run varies by ±30 %.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, httpRequest, median, report, startPlatform, startStandaloneBroker, temporaryDataDir, wrk, type WrkResult } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const { port: gatewayPort, close } = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' });
const directData = await temporaryDataDir();
let directBroker: ChildProcess | undefined;
try {
  const directPort = await freePort();
  directBroker = await startStandaloneBroker(directPort, path.join(directData.dir, 'direct.sqlite'));
  const created = await httpRequest(gatewayPort, {
    method: 'POST',
    path: '/api/tenants',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const rows: Array<Array<string | number>> = [];
  for (const [label, urlPath] of [['GET /', '/'], ['GET heartbeat', '/diagnostic/status/heartbeat']] as const) {
    const direct: WrkResult[] = [];
    const gateway: WrkResult[] = [];
    for (let round = 0; round < rounds; round++) {
      direct.push(await wrk(`http://127.0.0.1:${directPort}${urlPath}`, `127.0.0.1:${directPort}`, { seconds }));
      gateway.push(await wrk(`http://127.0.0.1:${gatewayPort}${urlPath}`, `bench.localhost:${gatewayPort}`, { seconds }));
    }
    if ([...direct, ...gateway].some((result) => result.non2xx > 0)) throw new Error(`${label}: non-2xx answers`);
    const directRps = median(direct.map((r) => r.requestsPerSecond));
    const gatewayRps = median(gateway.map((r) => r.requestsPerSecond));
    rows.push([label, 'direct (own process)', directRps.toFixed(0), median(direct.map((r) => r.p99Ms)).toFixed(2), '1.00']);
    rows.push([label, 'gateway (in-process tenant)', gatewayRps.toFixed(0), median(gateway.map((r) => r.p99Ms)).toFixed(2),
      (gatewayRps / directRps).toFixed(2)]);
  }
  await report(`Throughput, wrk -c32 -d${seconds}s, median of ${rounds} alternating rounds, 2 cores shared by load generator and server`,
    ['request', 'served by', 'requests/s', 'p99 ms', '× direct'], rows);
} finally {
  directBroker?.kill('SIGTERM');
  await close('SIGTERM');
  await directData.remove();
}
