/**
 * Load for bench/broker-calls.ts (issue 13): keep-alive HTTP with node:http agents (autocannon is
 * not in node_modules). Every answer is read to its end and must be 2xx.
 */
import http from 'node:http';
import { historyCalls, seededHistory, type HistoryCall } from '../broker/test-support/history-fixture.js';

/** One call of the table: a request, built afresh each time (publish needs new version numbers). */
export interface BenchRequest {
  method: string;
  path: string;
  body?: string;
}

/** Keep-alive requests to one broker on loopback. */
export interface BrokerClient {
  send(request: BenchRequest): Promise<string>;
  close(): void;
}

/** A client with its own keep-alive agent of `sockets` connections. */
export function brokerClient(port: number, sockets: number): BrokerClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    send: (request) =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string> = { accept: 'application/hal+json, application/json' };
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        const req = http.request({ host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(body);
            else reject(new Error(`${request.method} ${request.path} answered ${status}: ${body.slice(0, 300)}`));
          });
        });
        req.on('error', reject);
        req.end(request.body);
      }),
    close: () => agent.destroy(),
  };
}

/** Requests/s with `clients` loops sending back to back for `seconds`. */
export async function throughput(port: number, next: () => BenchRequest, clients: number, seconds: number): Promise<number> {
  const client = brokerClient(port, clients);
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const started = process.hrtime.bigint();
  const loop = async (): Promise<void> => {
    while (Date.now() < deadline) {
      await client.send(next());
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, loop));
  } finally {
    client.close();
  }
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** p50 and p99 in ms of `count` requests sent one at a time (after `warmup` unmeasured ones). */
export async function latency(port: number, next: () => BenchRequest, count: number, warmup = 10): Promise<{ p50: number; p99: number }> {
  const client = brokerClient(port, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < warmup + count; i++) {
      const started = process.hrtime.bigint();
      await client.send(next());
      if (i >= warmup) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    client.close();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/** The history's calls named in `names` (BENCH_BROKER_CALLS), all without names; a fresh set each time (publish counts its versions). */
export function chosenCalls(versions: number, names: string[] | undefined): HistoryCall[] {
  const calls = historyCalls(seededHistory(versions));
  const unknown = names?.filter((name) => !calls.some((call) => call.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`BENCH_BROKER_CALLS: unknown call ${unknown.join(', ')}; known: ${calls.map((call) => call.name).join(', ')}`);
  return calls.filter(({ name }) => names?.includes(name) ?? true);
}
