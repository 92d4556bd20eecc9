import http from 'node:http';

export interface HeartbeatProbeOptions {
  /** Where the gateway listens (a loopback address) and on which port. */
  gatewayAddress: string;
  gatewayPort: () => number;
  /** The Host header that reaches a tenant through the gateway. */
  hostFor: (name: string) => string;
  timeoutMs?: number;
}

/** Waits until a tenant's heartbeat answers 200 through the gateway, or says what it saw instead. */
export function heartbeatProbe(options: HeartbeatProbeOptions): (name: string) => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return async (name) => {
    const deadline = Date.now() + timeoutMs;
    let lastSeen = 'no answer yet';
    for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
      try {
        const status = await heartbeatStatus(options.gatewayAddress, options.gatewayPort(), options.hostFor(name));
        if (status === 200) return;
        lastSeen = `HTTP ${status}`;
      } catch (error) {
        lastSeen = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    throw new Error(`The broker of tenant "${name}" did not answer its heartbeat through the gateway within ${timeoutMs / 1000} s (last: ${lastSeen}).`);
  };
}

function heartbeatStatus(address: string, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: address, port, path: '/diagnostic/status/heartbeat', headers: { Host: host, Accept: 'application/json' }, timeout: 5000 },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error('heartbeat timed out')));
    req.on('error', reject);
  });
}
