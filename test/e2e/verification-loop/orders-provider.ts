import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The "LoopOrders" provider: a small node:http app. `broken` changes the order's `status` from a
 * string to a number, breaking the consumer's expectation (a provider change gone wrong).
 */
export async function startOrdersProvider(options: { broken: boolean }): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/_pact/state') {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    if (req.method === 'GET' && req.url === '/orders/1') {
      const order = { id: 1, status: options.broken ? 2 : 'paid' };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(order));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A stand-in for a CI server's commit-status endpoint: records the JSON bodies webhooks POST to it. */
export async function startCiListener(): Promise<{ port: number; bodies: () => Array<Record<string, string>>; close: () => Promise<void> }> {
  const bodies: Array<Record<string, string>> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(body) as Record<string, string>);
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bodies: () => bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
