/** The gateway's token check (issue 11) in a real gateway, in front of an echoing tenant and real embedded brokers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../gateway/gateway-server.js';
import { RequestCounters } from '../../gateway/request-counters.js';
import { silentLogger } from '../../shared/logger.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';
import { Registry } from '../tenants/registry.js';
import { TenantService } from '../tenants/tenant-service.js';
import { tenantAccess } from './tenant-access.js';
import { TokenStore } from './token-store.js';

const AT = '2030-01-01T00:00:00.000Z';
const basicAuth = { username: 'ci', password: 'ci-secret-1', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret-1' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const pact = JSON.stringify({ consumer: { name: 'Web' }, provider: { name: 'Orders' }, interactions: [], metadata: { pactSpecification: { version: '2.0.0' } } });

describe('tenant access through the gateway', () => {
  const bed = useEmbeddedTestBed();
  let gateway: Gateway;
  let port: number;
  let tokens: TokenStore;
  let service: TenantService;
  const counters = new RequestCounters();

  /** The "echo" tenant answers with the headers it received; recorded as a docker tenant, whose passwords the platform keeps (embedded ones: hashes). */
  const echo = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, raw: req.rawHeaders }));
  };
  const send = (tenant: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    fetch(`http://127.0.0.1:${port}/t/${tenant}${path}`, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeEach(async () => {
    const registry = await Registry.open(bed.dir);
    service = new TenantService({ registry, runtimes: new Map([['embedded', bed.runtime]]), defaultRuntime: 'embedded', waitUntilServing: async () => {}, logger: silentLogger });
    await registry.save({ name: 'echo', state: 'running', runtime: 'docker', createdAt: AT, updatedAt: AT, lastBackupAt: null, reason: null, basicAuth: { ...basicAuth, allowPublicRead: false, publicHeartbeat: false, publicBadges: true } });
    await registry.save({ name: 'open', state: 'running', runtime: 'embedded', createdAt: AT, updatedAt: AT, lastBackupAt: null, reason: null });
    tokens = new TokenStore({ registry, logger: silentLogger, flushEveryMs: 60_000 });
    gateway = createGateway({
      domain: 'localhost',
      lookup: (name) => (name === 'echo' || name === 'open' ? { kind: 'in-process', handle: echo } : service.routeFor(name)),
      control: (_req, res) => res.end('control'),
      counters,
      logger: silentLogger,
      authorize: tenantAccess((name) => registry.find(name), tokens),
    });
    port = await gateway.listen(0, ['127.0.0.1']);
  });

  afterEach(async () => {
    await tokens.flush();
    await gateway.close();
  });

  it('forwards a token request with the credentials of its scope, and the token never reaches the tenant', async () => {
    const write = await tokens.create('echo', { name: 'ci', scope: 'read-write', expiresAt: null });
    const read = await tokens.create('echo', { name: 'dev', scope: 'read-only', expiresAt: null });
    const seenWith = async (token: string, method = 'GET', path = '/pacts/latest') =>
      (await (await send('echo', path, { method, headers: bearer(token) })).json()) as { headers: Record<string, string>; raw: string[] };
    const publishing = await seenWith(write.token, 'PUT', '/pacts/provider/Orders/consumer/Web/version/1');
    expect(publishing.headers.authorization).toBe(basic('ci', 'ci-secret-1'));
    expect(JSON.stringify(publishing.raw)).not.toContain('pbs_');
    expect((await seenWith(read.token)).headers.authorization).toBe(basic('dev', 'dev-secret-1'));
    const verifierQuery = await seenWith(read.token, 'POST', '/pacts/provider/Orders/for-verification');
    expect(verifierQuery.headers.authorization).toBe(basic('dev', 'dev-secret-1'));
  });

  it('forwards a token request to a tenant without credentials without any Authorization', async () => {
    const read = await tokens.create('open', { name: 'dev', scope: 'read-only', expiresAt: null });
    const seen = (await (await send('open', '/', { headers: bearer(read.token) })).json()) as { headers: Record<string, string> };
    expect(seen.headers).not.toHaveProperty('authorization');
    expect((await send('open', '/pacticipants/Web', { method: 'DELETE', headers: bearer(read.token) })).status).toBe(403);
  });

  it('refuses unknown, expired and other tenants\' tokens with 401, and writes with a read-only token with 403', async () => {
    await service.create({ name: 'other' }).then(({ completion }) => completion);
    const others = await tokens.create('other', { name: 'ci', scope: 'read-write', expiresAt: null });
    const soon = new Date(Date.now() + 1000).toISOString();
    const expiring = await tokens.create('echo', { name: 'brief', scope: 'read-write', expiresAt: soon });
    const read = await tokens.create('echo', { name: 'dev', scope: 'read-only', expiresAt: null });
    const unknown = `pbs_${'A'.repeat(43)}`;
    for (const token of [others.token, unknown, 'not-even-a-token']) {
      const refused = await send('echo', '/', { headers: bearer(token) });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(((await refused.json()) as { detail: string }).detail).toBe('This token is not valid for tenant "echo": it is unknown, revoked, or another tenant\'s.');
    }
    const writing = await send('echo', '/pacts/provider/Orders/consumer/Web/version/1', { method: 'PUT', headers: bearer(read.token), body: pact });
    expect(writing.status).toBe(403);
    expect(writing.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope"');
    expect(((await writing.json()) as { detail: string }).detail).toBe(
      'The token "dev" is read-only: it may read and fetch pacts for verification, but PUT /pacts/provider/Orders/consumer/Web/version/1 needs a read-write token.',
    );
    await new Promise((resolve) => setTimeout(resolve, new Date(soon).getTime() - Date.now() + 10));
    const expired = await send('echo', '/', { headers: bearer(expiring.token) });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { detail: string }).detail).toBe(`The token "brief" of tenant "echo" expired at ${soon}; create a new one.`);
    expect(counters.snapshot().find((count) => count.tenant === 'echo' && count.outcome === 'refused')?.requests).toBe(5);
  });

  it('passes basic credentials and requests without any as before, and refuses two Authorization headers', async () => {
    const seen = (await (await send('echo', '/', { headers: { Authorization: basic('ci', 'whatever') } })).json()) as { headers: Record<string, string> };
    expect(seen.headers.authorization).toBe(basic('ci', 'whatever'));
    expect((await send('echo', '/')).status).toBe(200);
    const twice = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      import('node:http').then(({ default: http }) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/t/echo/', headers: [['Host', `127.0.0.1:${port}`], ['Authorization', basic('ci', 'x')], ['Authorization', 'Bearer pbs_x']].flat() }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.body).detail).toBe('Send one Authorization header, not several.');
  });

  it('publishes to a real broker with basic auth with a read-write token, and reads with a read-only one', async () => {
    await (await service.create({ name: 'acme', basicAuth })).completion;
    const write = await tokens.create('acme', { name: 'ci', scope: 'read-write', expiresAt: null });
    const read = await tokens.create('acme', { name: 'dev', scope: 'read-only', expiresAt: null });
    const path = '/pacts/provider/Orders/consumer/Web/version/1.0.0';
    const headers = (token: string) => ({ ...bearer(token), 'Content-Type': 'application/json' });
    expect((await send('acme', path, { method: 'PUT', headers: headers(read.token), body: pact })).status).toBe(403);
    expect((await send('acme', path, { method: 'PUT', headers: headers(write.token), body: pact })).status).toBe(201);
    expect((await send('acme', '/pacts/provider/Orders/consumer/Web/latest', { headers: bearer(read.token) })).status).toBe(200);
    expect((await send('acme', '/pacts/provider/Orders/consumer/Web/latest')).status).toBe(401);
  });

  it('closes a tenant created with requireAuth to requests without a token, except its heartbeat and badges', async () => {
    await (await service.create({ name: 'locked', requireAuth: true })).completion;
    const anonymous = await send('locked', '/');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as { detail: string }).detail).toBe(
      'Tenant "locked" requires a token: send "Authorization: Bearer <token>" (pact-broker --broker-token, or PACT_BROKER_TOKEN). Its tokens are made with POST /api/tenants/locked/tokens.',
    );
    expect((await send('locked', '/diagnostic/status/heartbeat')).status).toBe(200);
    expect((await send('locked', '/pacts/provider/Orders/consumer/Web/latest/badge.svg')).status).not.toBe(401);
    // Basic credentials go to the broker, which knows only the platform's own user.
    expect((await send('locked', '/', { headers: { Authorization: basic('pactsafs-gateway', 'a-guess') } })).status).toBe(401);
    const read = await tokens.create('locked', { name: 'dev', scope: 'read-only', expiresAt: null });
    expect((await send('locked', '/', { headers: bearer(read.token) })).status).toBe(200);
  });
});
