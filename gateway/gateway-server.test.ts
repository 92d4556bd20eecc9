import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import { sendRaw } from '../test/support/raw-http.js';
import type { TenantRoute } from '../shared/routing.js';
import { createGateway, type Gateway } from './gateway-server.js';
import { RequestCounters } from './request-counters.js';

/** An upstream in another "process": echoes what it received, and counts its TCP connections and the paths asked. */
function startUpstream(): Promise<{ server: Server; port: number; connections: () => number; urls: string[] }> {
  let connections = 0;
  const urls: string[] = [];
  const server = http.createServer((req, res) => {
    urls.push(req.url ?? '');
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  });
  server.on('connection', () => connections++);
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const cookie = req.headers.cookie ?? '(none)';
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Cookie: ${cookie}\r\n\r\n`);
    socket.on('data', (data) => socket.write(`echo:${data}`));
    socket.on('end', () => socket.end());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, connections: () => connections, urls }),
    ),
  );
}

function request(port: number, path: string, headers: Record<string, string>, address = '127.0.0.1') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http
      .get({ host: address, port, path, headers, agent: false }, (res) => {
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
    routes.set('reader', { kind: 'in-process', handle: (req, res) => req.resume().on('end', () => res.end('read')) });
    routes.set('sleepy', { kind: 'unavailable', state: 'stopped', retryAfterSeconds: 30 });
    routes.set('dead', { kind: 'proxy', host: '127.0.0.1', port: 1 });
    gateway = createGateway({
      domain: 'localhost',
      lookup: (tenant) => routes.get(tenant),
      control: (_req, res) => res.end('control'),
      controlHosts: ['broker.corp.test'],
      counters,
      logger: silentLogger,
    });
    port = await gateway.listen(0, ['127.0.0.1', '127.0.0.2']);
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

  it("passes WebSocket upgrades to proxied tenants, without the platform's cookies", async () => {
    const { echoed, seenCookie } = await new Promise<{ echoed: string; seenCookie: unknown }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/socket',
        headers: { Host: 'proxied.localhost', Connection: 'Upgrade', Upgrade: 'websocket', Cookie: 'pactsafs_session=s3cret; ws=1' },
      });
      req.on('upgrade', (res, socket) => {
        socket.once('data', (data) => {
          resolve({ echoed: String(data), seenCookie: res.headers['x-seen-cookie'] });
          socket.destroy();
        });
        socket.write('hello');
      });
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toBe('echo:hello');
    expect(seenCookie).toBe('ws=1');
  });

  // Issue 11, defect 4: the dashboard's session cookie is the platform's, never a tenant's.
  it.each(['inproc', 'proxied'])("strips the platform's cookies from what %s receives and keeps the tenant's", async (tenant) => {
    const mixed = await request(port, '/', { Host: `${tenant}.localhost`, Cookie: 'theme=dark; pactsafs_session=s3cret; pactsafs_admin_token=t0ken; lang=en' });
    expect(JSON.parse(mixed.body).headers.cookie).toBe('theme=dark; lang=en');
    const onlyOurs = await request(port, '/', { Host: `${tenant}.localhost`, Cookie: 'pactsafs_session=s3cret' });
    expect(JSON.parse(onlyOurs.body).headers).not.toHaveProperty('cookie');
  });

  // Issue 11, defect 2: a DNS-rebinding page's Host reaches neither the control plane nor a tenant.
  it.each([
    ['/api/tenants', 'evil.test'],
    ['/t/inproc/pacticipants', 'evil.test:8080'],
    ['/', 'a.b.localhost'],
  ])('answers %s under Host %s with 421 naming the allowed hosts', async (path, host) => {
    const res = await request(port, path, { Host: host, Accept: 'application/json' });
    expect(res.status).toBe(421);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const { detail } = JSON.parse(res.body);
    expect(detail).toContain(`does not answer for the host name "${host.replace(/:\d+$/, '')}"`);
    expect(detail).toContain('localhost, 127.0.0.1, [::1], admin.localhost, broker.corp.test');
    expect(detail).toContain('PACTSAFS_CONTROL_HOSTS');
  });

  it('serves the control plane and the path form on the extra control hosts, whatever the port', async () => {
    expect((await request(port, '/api/tenants', { Host: 'Broker.Corp.Test:443' })).body).toBe('control');
    expect(JSON.parse((await request(port, '/t/inproc/x', { Host: 'broker.corp.test' })).body).url).toBe('/x');
  });

  it('serves the control plane under the address a request came in on, and no other address', async () => {
    expect((await request(port, '/api/tenants', { Host: `127.0.0.2:${port}` }, '127.0.0.2')).body).toBe('control');
    expect((await request(port, '/api/tenants', { Host: `127.0.0.3:${port}` }, '127.0.0.2')).status).toBe(421);
    expect((await request(port, '/api/tenants', { Host: `127.0.0.2:${port}` }, '127.0.0.1')).status).toBe(421);
  });

  it('refuses an upgrade for an unknown host', async () => {
    const answer = await sendRaw(port, 'GET /socket HTTP/1.1\r\nHost: evil.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    expect(answer.status).toBe(421);
  });

  it.each([
    ['HTTP/1.0 without Host', 'GET /api/tenants HTTP/1.0\r\n\r\n'],
    ['HTTP/1.1 without Host', 'GET /api/tenants HTTP/1.1\r\n\r\n'],
    ['an empty Host', 'GET /api/tenants HTTP/1.1\r\nHost:\r\n\r\n'],
  ])('answers %s with 400 and a sentence', async (_case, bytes) => {
    const answer = await sendRaw(port, bytes);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('The request has no Host header');
    expect(answer.text).not.toMatch(/\r\n\r\ncontrol$/);
  });

  // Issue 11, defect 9: RFC 9112's answer with a sentence, then the connection closes.
  it.each([
    ['Content-Length with Transfer-Encoding', 400, 'POST / HTTP/1.1\r\nHost: proxied.localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['two Content-Length headers', 400, 'POST / HTTP/1.1\r\nHost: proxied.localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['an obs-fold header', 400, 'GET / HTTP/1.1\r\nHost: proxied.localhost\r\nX-Folded: a\r\n b\r\n\r\n'],
    ['bare LF line ends', 400, 'GET / HTTP/1.1\nHost: proxied.localhost\n\n'],
    ['a control character in a header value', 400, 'GET / HTTP/1.1\r\nHost: proxied.localhost\r\nX-Bad: a\u0001b\r\n\r\n'],
    ['two Host headers', 400, 'GET / HTTP/1.1\r\nHost: proxied.localhost\r\nHost: inproc.localhost\r\n\r\n'],
    ['a Transfer-Encoding not ending in chunked', 400, 'POST / HTTP/1.1\r\nHost: proxied.localhost\r\nTransfer-Encoding: gzip\r\n\r\n'],
    ['a 100 KB header', 431, `GET / HTTP/1.1\r\nHost: proxied.localhost\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['a 10 KB URL', 414, `GET /${'a'.repeat(10_000)} HTTP/1.1\r\nHost: proxied.localhost\r\n\r\n`],
    ['a 20 KB URL', 414, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: proxied.localhost\r\n\r\n`],
  ])('answers %s with %i and closes', async (_case, status, bytes) => {
    const before = upstream.urls.length;
    const answer = await sendRaw(port, bytes);
    expect(answer.status).toBe(status);
    expect(answer.text).toContain('Connection: close');
    expect(answer.text).toMatch(/"detail":"[^"]+"/);
    expect(upstream.urls.length).toBe(before);
  });

  // No smuggling: each request goes to the tenant its own Host names, a body is never read as a request.
  it('sends pipelined requests each to its own tenant, in order', async () => {
    const answer = await sendRaw(
      port,
      'GET /first HTTP/1.1\r\nHost: inproc.localhost\r\n\r\n' +
        'GET /second HTTP/1.1\r\nHost: proxied.localhost\r\n\r\n' +
        'GET /third HTTP/1.1\r\nHost: inproc.localhost\r\nConnection: close\r\n\r\n',
    );
    const seen = answer.text.split('HTTP/1.1 200').slice(1).map((reply) => `${/"host":"([^"]+)"/.exec(reply)?.[1]}${/"url":"([^"]+)"/.exec(reply)?.[1]}`);
    expect(seen).toEqual(['inproc.localhost/first', 'proxied.localhost/second', 'inproc.localhost/third']);
  });

  it('answers 400 for a malformed chunked body of a request the tenant has not answered yet', async () => {
    const answer = await sendRaw(port, 'POST / HTTP/1.1\r\nHost: reader.localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Invalid character in chunk size');
  });

  it('lets an earlier pipelined request be answered before it closes on a malformed one', async () => {
    const answer = await sendRaw(port, 'GET /earlier HTTP/1.1\r\nHost: proxied.localhost\r\n\r\nGET / HTTP/1.1\r\nHost: inproc.localhost\r\nX-Bad: a\u0001b\r\n\r\n');
    expect(answer.text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200']);
    expect(answer.text).toContain('"url":"/earlier"');
  });

  it('never reads a request out of a body', async () => {
    const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: proxied.localhost\r\n\r\n';
    const before = upstream.urls.length;
    const answer = await sendRaw(
      port,
      `POST /outer HTTP/1.1\r\nHost: proxied.localhost\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}` +
        'GET /last HTTP/1.1\r\nHost: inproc.localhost\r\nConnection: close\r\n\r\n',
    );
    expect(answer.text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(upstream.urls.slice(before)).toEqual(['/outer']);
    expect(answer.text).toContain('"url":"/last"');
  });
});

describe('gateway behind PACTSAFS_PUBLIC_URL', () => {
  let gateway: Gateway;
  let port: number;

  beforeAll(async () => {
    const echo: TenantRoute = { kind: 'in-process', handle: (req, res) => res.end(JSON.stringify(req.headers)) };
    gateway = createGateway({
      domain: 'localhost',
      publicUrl: new URL('https://pacts.example.com'),
      lookup: (tenant) => (tenant === 'acme' ? echo : undefined),
      control: (_req, res) => res.end('control'),
      counters: new RequestCounters(),
      logger: silentLogger,
    });
    port = await gateway.listen(0, ['127.0.0.1']);
  });

  afterAll(() => gateway.close());

  it.each([
    ['acme.localhost:8080', '/', 'acme.pacts.example.com'],
    ['acme.pacts.example.com', '/', 'acme.pacts.example.com'],
    ['localhost:8080', '/t/acme/', 'pacts.example.com'],
    ['pacts.example.com', '/t/acme/', 'pacts.example.com'],
  ])('a request to %s%s gets links to https://%s', async (host, path, forwardedHost) => {
    const seen = JSON.parse((await request(port, path, { Host: host })).body);
    expect(seen).toMatchObject({ 'x-forwarded-host': forwardedHost, 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' });
  });

  it("takes the public URL's host name as a control host", async () => {
    expect((await request(port, '/api/tenants', { Host: 'pacts.example.com' })).body).toBe('control');
  });
});
