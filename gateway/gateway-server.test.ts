import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import type { TenantRoute } from '../shared/routing.js';
import { createGateway, type Gateway } from './gateway-server.js';
import { RequestCounters } from './request-counters.js';

/** An upstream in another "process": echoes what it received and counts its TCP connections. */
function startUpstream(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  });
  server.on('connection', () => connections++);
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    socket.on('data', (data) => socket.write(`echo:${data}`));
    socket.on('end', () => socket.end());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, connections: () => connections }),
    ),
  );
}

function request(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('gateway', () => {
  let gateway: Gateway;
  let port: number;
  const counters = new RequestCounters();
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  const routes = new Map<string, TenantRoute>();

  beforeAll(async () => {
    upstream = await startUpstream();
    routes.set('inproc', {
      kind: 'in-process',
      handle: (req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ url: req.url, headers: req.headers }));
      },
    });
    routes.set('proxied', { kind: 'proxy', host: '127.0.0.1', port: upstream.port });
    routes.set('sleepy', { kind: 'unavailable', state: 'stopped', retryAfterSeconds: 30 });
    routes.set('dead', { kind: 'proxy', host: '127.0.0.1', port: 1 });
    gateway = createGateway({
      domain: 'localhost',
      lookup: (tenant) => routes.get(tenant),
      control: (_req, res) => res.end('control'),
      counters,
      logger: silentLogger,
    });
    port = await gateway.listen(0, ['127.0.0.1']);
  });

  afterAll(async () => {
    await gateway.close();
    upstream.server.close();
  });

  it.each(['inproc', 'proxied'])('hands %s its path with forwarded headers from the connection', async (tenant) => {
    const res = await request(port, '/pacts/latest?x=1', {
      Host: `${tenant}.localhost`,
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-Prefix': '/evil',
    });
    const seen = JSON.parse(res.body);
    expect(seen.url).toBe('/pacts/latest?x=1');
    expect(seen.headers).toMatchObject({
      host: `${tenant}.localhost`,
      'x-forwarded-host': `${tenant}.localhost`,
      'x-forwarded-port': String(port),
      'x-forwarded-proto': 'http',
      'x-forwarded-for': '127.0.0.1',
    });
    expect(seen.headers).not.toHaveProperty('x-forwarded-prefix');
  });

  it.each(['inproc', 'proxied'])('strips the path form prefix for %s and sends it as X-Forwarded-Prefix', async (tenant) => {
    const res = await request(port, `/t/${tenant}/pacticipants`, { Host: `localhost:${port}` });
    const seen = JSON.parse(res.body);
    expect(seen.url).toBe('/pacticipants');
    expect(seen.headers['x-forwarded-prefix']).toBe(`/t/${tenant}`);
    expect(seen.headers['x-forwarded-host']).toBe(`localhost:${port}`);
  });

  it('does not pass a client Connection: close upstream, so pooled sockets are reused', async () => {
    const before = upstream.connections();
    for (let i = 0; i < 5; i++) {
      const res = await request(port, '/', { Host: 'proxied.localhost', Connection: 'close' });
      expect(JSON.parse(res.body).headers.connection).not.toBe('close');
    }
    expect(upstream.connections() - before).toBeLessThanOrEqual(1);
  });

  it('answers 404 for an unknown tenant, in JSON for API clients', async () => {
    const res = await request(port, '/', { Host: 'nobody.localhost', Accept: 'application/hal+json' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body).detail).toContain('There is no tenant named "nobody"');
  });

  it('answers 404 for a path form with a malformed escape, and goes on serving', async () => {
    const res = await request(port, '/t/%E0%A4%A/pacts', { Host: `localhost:${port}` });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).detail).toContain('There is no tenant named "%e0%a4%a"');
    expect((await request(port, '/', { Host: 'inproc.localhost' })).status).toBe(200);
  });

  it('answers 503 with Retry-After for a stopped tenant, in HTML for browsers', async () => {
    const res = await request(port, '/', { Host: 'sleepy.localhost', Accept: 'text/html,application/xhtml+xml' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Tenant &#34;sleepy&#34; is stopped');
  });

  it('answers 502 when a tenant broker does not answer', async () => {
    const res = await request(port, '/', { Host: 'dead.localhost' });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body).detail).toContain('The broker of tenant "dead" is not answering');
  });

  it('counts requests per tenant and outcome, unknown tenants under one empty name', async () => {
    const requests = (tenant: string, outcome: string) =>
      counters.snapshot().find((count) => count.tenant === tenant && count.outcome === outcome)?.requests ?? 0;
    const before = [requests('inproc', 'routed'), requests('sleepy', 'unavailable'), requests('', 'unknown-tenant')];
    for (const host of ['inproc', 'inproc', 'sleepy', 'nobody-1', 'nobody-2']) await request(port, '/', { Host: `${host}.localhost` });
    expect([requests('inproc', 'routed'), requests('sleepy', 'unavailable'), requests('', 'unknown-tenant')]).toEqual([before[0]! + 2, before[1]! + 1, before[2]! + 2]);
    expect(counters.snapshot().some((count) => count.tenant.startsWith('nobody'))).toBe(false);
  });

  it('sends control-host requests to the control plane', async () => {
    expect((await request(port, '/api/tenants', { Host: `localhost:${port}` })).body).toBe('control');
  });

  it('passes WebSocket upgrades to proxied tenants', async () => {
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/socket',
        headers: { Host: 'proxied.localhost', Connection: 'Upgrade', Upgrade: 'websocket' },
      });
      req.on('upgrade', (_res, socket) => {
        socket.once('data', (data) => {
          resolve(String(data));
          socket.destroy();
        });
        socket.write('hello');
      });
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toBe('echo:hello');
  });
});
