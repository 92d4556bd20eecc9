/**
 * Issue 13 (target 2): the floor of Node's own HTTP stack on the gateway's path (node-proxy-floor-server.ts).
 * The bench runs it beside the gateway and nginx, so the gateway's cost splits into Node's share and its own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, httpRequest } from './support.js';

export interface NodeProxyFloor {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a minimal proxy as its own process (through tsx, as the platform runs) in front of `upstream` (host:port);
 * `server` picks which: node:http with http.request (the default) or with undici, a TCP pipe, or a front without node:http.
 */
export async function startNodeProxyFloor(upstream: string, healthPath: string, server = 'node-proxy-floor-server.ts'): Promise<NodeProxyFloor> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(server, import.meta.url)), upstream, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 200; i++) {
    const ok = await httpRequest(port, { path: healthPath }).then((r) => r.status === 200, () => false);
    if (ok) return { port, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error('the minimal Node proxy did not answer within 10 s');
}
