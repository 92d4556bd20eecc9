import http from 'node:http';

export interface SpreadLoadResult {
  requests: number;
  /** Requests answered per second over the run. */
  achievedPerSecond: number;
  /** Latencies in ms, sorted, each from its request's sending to its answer's end. */
  latencies: number[];
  /** Answers other than 200, and requests that failed. */
  failures: number;
}

const TICK_MS = 2;

/**
 * Team issue 13, target 4: `perSecond` GET requests a second for `seconds`, sent at a steady rate
 * whatever the answers take (open loop), the n-th to `hosts[n % hosts.length]`, over keep-alive
 * connections to the gateway on 127.0.0.1.
 */
export async function spreadLoad(port: number, hosts: string[], { perSecond, seconds, path }: { perSecond: number; seconds: number; path: string }): Promise<SpreadLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(perSecond * seconds);
  const latencies: number[] = [];
  let failures = 0;
  const send = (n: number) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get({ host: '127.0.0.1', port, path, agent, headers: { Host: hosts[n % hosts.length]!, Accept: 'application/hal+json' } }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode === 200) latencies.push(performance.now() - started);
          else failures++;
          resolve();
        });
      });
      request.on('error', () => {
        failures++;
        resolve();
      });
    });
  const inFlight: Array<Promise<void>> = [];
  const started = performance.now();
  try {
    for (let sent = 0; sent < total; await new Promise((resolve) => setTimeout(resolve, TICK_MS))) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond));
      for (; sent < due; sent++) inFlight.push(send(sent));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  return { requests: total, achievedPerSecond: total / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b), failures };
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
