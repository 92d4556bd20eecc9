/**
 * Tenant isolation (issue 11, defect 3): tenant B's heartbeat latency through the gateway, idle, while
 * one client publishes maximum-size pacts to tenant A back to back, and while it reads them back
 * (embedded tenants, one platform process). Target: p99 ≤ 50 ms during the publishes.
 */
import http from 'node:http';
import { httpRequest, report, startPlatform } from './support.js';
import { percentile } from './spread-load.js';

/** The brokers' default body limit (16 MiB); each publish body is just under it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const PUBLISHES = Number(process.env.BENCH_ISOLATION_PUBLISHES ?? 8);
const HEARTBEAT_INTERVAL_MS = 10;
const IDLE_MS = 3000;
const json = { 'Content-Type': 'application/json' };

/** A pact of many ordinary interactions, distinct per run, whose publish body is just under `maxBodyBytes`. */
function publishBody(run: number, maxBodyBytes: number): Buffer {
  const interaction = (i: number) => ({
    description: `request ${i} of run ${run}`,
    providerState: `thing ${i} exists`,
    request: { method: 'GET', path: `/things/${i}`, headers: { Accept: 'application/json' } },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: i, name: `thing ${i}`, tags: ['a', 'b', 'c'], price: i * 1.5 } },
  });
  const envelope = (interactions: unknown[]) =>
    Buffer.from(
      JSON.stringify({
        pacticipantName: 'Web', pacticipantVersionNumber: `1.0.${run}`, branch: 'main',
        contracts: [{ consumerName: 'Web', providerName: 'Orders', specification: 'pact', contentType: 'application/json',
          content: Buffer.from(JSON.stringify({ consumer: { name: 'Web' }, provider: { name: 'Orders' }, interactions, metadata: { pactSpecification: { version: '2.0.0' } } })).toString('base64') }],
      }),
    );
  const empty = envelope([]).length;
  const perInteraction = (envelope(Array.from({ length: 1000 }, (_, i) => interaction(i))).length - empty) / 1000;
  const interactions = Array.from({ length: Math.floor((maxBodyBytes - empty) / perInteraction) }, (_, i) => interaction(i));
  for (let over = envelope(interactions).length - maxBodyBytes; over > 0; over = envelope(interactions).length - maxBodyBytes) {
    interactions.length -= Math.ceil(over / perInteraction);
  }
  return envelope(interactions);
}

/** Heartbeats of `host` one after another, `HEARTBEAT_INTERVAL_MS` apart, until `until()` is true: their latencies. */
async function heartbeats(port: number, host: string, until: () => boolean): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  try {
    while (!until()) {
      const started = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/diagnostic/status/heartbeat', headers: { Host: host }, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
      });
      if (status !== 200) throw new Error(`tenant B's heartbeat answered ${status}`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_INTERVAL_MS));
    }
  } finally {
    agent.destroy();
  }
  return latencies;
}

function row(label: string, latencies: number[], publishes: string): Array<string | number> {
  const sorted = [...latencies].sort((a, b) => a - b);
  return [label, sorted.length, percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1), sorted.at(-1)!.toFixed(1), publishes];
}

const { port, close } = await startPlatform({ PACTSAFS_LOG_LEVEL: 'warn' });
try {
  for (const name of ['bench-a', 'bench-b']) {
    const created = await httpRequest(port, { method: 'POST', path: '/api/tenants', headers: json, body: JSON.stringify({ name }) });
    if (created.status !== 201) throw new Error(`create ${name} answered ${created.status}: ${created.body}`);
  }
  // Built before measuring: the bench process must not stall its own heartbeat client.
  const bodies = Array.from({ length: PUBLISHES }, (_, run) => publishBody(run, MAX_BODY_BYTES));
  const hostA = `bench-a.localhost:${port}`;
  const hostB = `bench-b.localhost:${port}`;

  const idleUntil = performance.now() + IDLE_MS;
  const idle = await heartbeats(port, hostB, () => performance.now() > idleUntil);

  let publishing = true;
  const publishMs: number[] = [];
  const loaded = heartbeats(port, hostB, () => !publishing);
  try {
    for (const body of bodies) {
      const started = performance.now();
      const published = await httpRequest(port, { method: 'POST', path: '/contracts/publish', host: hostA, headers: json, body });
      if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${published.body.slice(0, 500)}`);
      publishMs.push(performance.now() - started);
    }
  } finally {
    publishing = false;
  }
  const during = await loaded;

  // The verifier's side: the same pacts read back, one after another.
  let reading = true;
  const readMs: number[] = [];
  const loadedByReads = heartbeats(port, hostB, () => !reading);
  try {
    for (let run = 0; run < PUBLISHES; run++) {
      const started = performance.now();
      const read = await httpRequest(port, { path: `/pacts/provider/Orders/consumer/Web/version/1.0.${run}`, host: hostA, headers: { Accept: 'application/hal+json' } });
      if (read.status !== 200) throw new Error(`reading the pact answered ${read.status}: ${read.body.slice(0, 500)}`);
      readMs.push(performance.now() - started);
    }
  } finally {
    reading = false;
  }
  const duringReads = await loadedByReads;
  const mean = (values: number[]) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(0);
  await report(
    `Tenant isolation: tenant B's heartbeat through the gateway while tenant A gets ${PUBLISHES} publishes of ${(bodies[0]!.length / 2 ** 20).toFixed(2)} MiB back to back, then reads them back (embedded)`,
    ['tenant B heartbeat', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'tenant A requests'],
    [
      row('idle', idle, '–'),
      row('during publishes', during, `${PUBLISHES} publishes, mean ${mean(publishMs)} ms each`),
      row('during reads', duringReads, `${PUBLISHES} reads, mean ${mean(readMs)} ms each`),
    ],
  );
} finally {
  await close('SIGTERM');
}
