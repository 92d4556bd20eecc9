import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';

describe('control plane app', () => {
  const bed = useEmbeddedTestBed();
  const appWith = async (adminToken: string | undefined) => (await testControlPlane(bed.dir, bed.runtime, adminToken)).app;

  it('needs the admin token on every /api call when one is configured', async () => {
    const app = await appWith('s3cret');
    for (const authorization of [undefined, 'Bearer wrong', 'Basic czNjcmV0']) {
      const answer = await app.request('/api/tenants', { headers: authorization ? { Authorization: authorization } : {} });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(((await answer.json()) as { detail: string }).detail).toContain('Authorization: Bearer <PACTSAFS_ADMIN_TOKEN>');
    }
    const refused = await app.request('/api/tenants', { method: 'POST', body: '{"name":"acme"}', headers: { 'Content-Type': 'application/json' } });
    expect(refused.status).toBe(401);
    expect((await (await app.request('/api/tenants', { headers: { Authorization: 'Bearer s3cret' } })).json())).toEqual({ tenants: [] });
  });

  it('answers the JSON index of GET / only with the admin token when one is configured (issue 11)', async () => {
    const app = await appWith('s3cret');
    const refused = await app.request('/', { headers: { Accept: 'application/json' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const index = await app.request('/', { headers: { Accept: 'application/json', Authorization: 'Bearer s3cret' } });
    expect(await index.json()).toMatchObject({ name: 'Pact Broker SafS', tenants: [] });
  });

  it('is open without a configured token, and its health names the runtimes and the data dir', async () => {
    const app = await appWith(undefined);
    expect(await (await app.request('/api/tenants')).json()).toEqual({ tenants: [] });
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', tenants: 0, runtimes: ['embedded'], defaultRuntime: 'embedded', dataDir: bed.dir });
  });

  it('refuses swarm-only settings and upgrades for other runtimes, and bad upgrade bodies, with sentences (issue 12)', async () => {
    const app = await appWith(undefined);
    const json = { 'Content-Type': 'application/json' };
    const replicas = await app.request('/api/tenants', { method: 'POST', body: '{"name":"acme","brokerReplicas":2}', headers: json });
    expect(replicas.status).toBe(400);
    expect(((await replicas.json()) as { detail: string }).detail).toBe('"brokerReplicas" is a setting of swarm tenants; this tenant\'s runtime is embedded.');
    expect((await app.request('/api/tenants', { method: 'POST', body: '{"name":"acme"}', headers: json })).status).toBe(201);
    const detail = async (body: string) => {
      const answer = await app.request('/api/tenants/acme/upgrade', { method: 'POST', body, headers: json });
      expect(answer.status).toBe(400);
      return ((await answer.json()) as { detail: string }).detail;
    };
    expect(await detail('{"image":"pactsafs/broker:next"}')).toBe('Tenant "acme" runs on the embedded runtime, which cannot upgrade a broker in place; swarm tenants can.');
    expect(await detail('{"image":"Not An Image"}')).toMatch(/^"image" must be an image reference/);
    expect(await detail('{"image":"pactsafs/broker:next","force":true}')).toBe('Unknown field "force"; an upgrade takes only "image".');
    expect((await app.request('/api/tenants/nobody/upgrade', { method: 'POST', body: '{"image":"a:b"}', headers: json })).status).toBe(404);
  });

  it('answers unknown API paths, unexpected log roles and a missing log with problem+json', async () => {
    const app = await appWith(undefined);
    const missing = await app.request('/api/nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toBe('There is nothing at GET /api/nothing.');
    const created = await app.request('/api/tenants', { method: 'POST', body: '{"name":"acme"}', headers: { 'Content-Type': 'application/json' } });
    expect(created.status).toBe(201);
    const role = await app.request('/api/tenants/acme/logs?role=web');
    expect(role.status).toBe(400);
    expect(((await role.json()) as { detail: string }).detail).toBe('The log role must be "broker" or "db", not "web".');
    const tail = await app.request('/api/tenants/acme/logs?tail=x');
    expect(tail.status).toBe(400);
    // An empty ?tail= is the default (200 lines), not zero lines.
    await appendFile(path.join(bed.runtime.tenantDir('acme'), 'broker.log'), 'a line of the log\n');
    expect(await (await app.request('/api/tenants/acme/logs?tail=0')).text()).toBe('');
    expect(await (await app.request('/api/tenants/acme/logs?tail=')).text()).toContain('a line of the log');
    await app.request('/api/tenants/acme/stop', { method: 'POST' });
    await rm(path.join(bed.runtime.tenantDir('acme'), 'broker.log'));
    const gone = await app.request('/api/tenants/acme/logs');
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { detail: string }).detail).toMatch(/^Tenant "acme" has no broker log: .*broker\.log does not exist/);
  });

  it('serves Prometheus metrics: tenants by state and runtime, last backups; behind the admin token when one is set', async () => {
    const app = await appWith(undefined);
    await app.request('/api/tenants', { method: 'POST', body: '{"name":"acme"}', headers: { 'Content-Type': 'application/json' } });
    await app.request('/api/tenants', { method: 'POST', body: '{"name":"beta"}', headers: { 'Content-Type': 'application/json' } });
    await app.request('/api/tenants/beta/stop', { method: 'POST' });
    await (await app.request('/api/tenants/acme/backup')).arrayBuffer();
    // The backup is recorded once its stream has ended, a moment after the client has read it.
    const text = await vi.waitFor(async () => {
      const metrics = await (await app.request('/metrics')).text();
      expect(metrics).toContain('pactsafs_tenant_last_backup_timestamp_seconds{tenant="acme"}');
      return metrics;
    });
    expect(text).toContain('# TYPE pactsafs_tenants gauge');
    expect(text).toContain('pactsafs_tenants{state="running",runtime="embedded"} 1');
    expect(text).toContain('pactsafs_tenants{state="stopped",runtime="embedded"} 1');
    expect(text).toMatch(/pactsafs_tenant_last_backup_timestamp_seconds\{tenant="acme"\} \d+(\.\d+)?\n/);
    expect(text).not.toContain('tenant="beta"');
    expect((await (await appWith('s3cret')).request('/metrics')).status).toBe(401);
  });

  describe('refuses state changes that a page of another site could send, in every mode (issue 11)', () => {
    const create = (app: Hono, name: string, headers: Record<string, string>, body: string = JSON.stringify({ name })) =>
      app.request('/api/tenants', { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
    const detailOf = async (answer: Response) => ((await answer.json()) as { detail: string }).detail;
    const names = async (app: Hono) => ((await (await app.request('/api/tenants')).json()) as { tenants: Array<{ name: string }> }).tenants.map((t) => t.name);

    it('refuses a cross-site or same-site Sec-Fetch-Site and an Origin that is not the control host', async () => {
      const app = await appWith(undefined);
      const hostile: Array<Record<string, string>> = [
        { 'Sec-Fetch-Site': 'cross-site' },
        // Tenants are <t>.localhost: their pages are the same site as localhost.
        { 'Sec-Fetch-Site': 'same-site', Origin: 'http://acme.localhost' },
        { 'Sec-Fetch-Site': 'same-site' },
        { Origin: 'http://evil.test' },
        { Origin: 'http://acme.localhost' },
        { Origin: 'http://localhost:3000' }, // another service on the same machine
        { Origin: 'null' },
        { Origin: 'not a url' },
      ];
      for (const headers of hostile) {
        const answer = await create(app, 'acme', headers);
        expect(answer.status, JSON.stringify(headers)).toBe(403);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(await detailOf(answer)).toMatch(/^This request came from a page of another site/);
      }
      expect(await names(app)).toEqual([]);
      const refused: Array<Record<string, string>> = [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'http://evil.test' }];
      for (const headers of refused) {
        expect((await app.request('/api/tenants/acme/stop', { method: 'POST', headers })).status).toBe(403);
        expect((await app.request('/api/tenants/acme', { method: 'DELETE', headers })).status).toBe(403);
      }
      expect((await create(app, 'same', { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
      expect((await create(app, 'loop', { Origin: 'http://127.0.0.1' })).status).toBe(201);
      expect((await create(app, 'typed', { 'Sec-Fetch-Site': 'none' })).status).toBe(201);
      expect(await names(app)).toEqual(['loop', 'same', 'typed']);
    });

    it('refuses them with a valid admin token too', async () => {
      const app = await appWith('s3cret');
      const answer = await create(app, 'acme', { Authorization: 'Bearer s3cret', Origin: 'http://evil.test' });
      expect(answer.status).toBe(403);
      expect((await create(app, 'acme', { Authorization: 'Bearer s3cret' })).status).toBe(201);
    });

    it('takes only a real JSON media type', async () => {
      const app = await appWith(undefined);
      for (const type of ['text/plain; x=json', 'application/jsonx', 'application/x-www-form-urlencoded', 'json', 'application/json;']) {
        const answer = await create(app, 'acme', { 'Content-Type': type });
        expect(answer.status, type).toBe(415);
        expect(await detailOf(answer)).toContain('Content-Type: application/json');
      }
      const untyped = await app.request('/api/tenants', { method: 'POST', body: new TextEncoder().encode('{"name":"acme"}') });
      expect(untyped.status).toBe(415);
      // A form cannot stop a tenant either, even from a browser that sends no Origin.
      const form = await app.request('/api/tenants/acme/stop', { method: 'POST', body: '', headers: { 'Content-Type': 'text/plain' } });
      expect(form.status).toBe(415);
      expect(await names(app)).toEqual([]);
      expect((await create(app, 'plain', { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(201);
      expect((await create(app, 'vendor', { 'Content-Type': 'application/vnd.pactsafs+json' })).status).toBe(201);
      // Calls without a body need no Content-Type, as curl -X POST and the CLI send them.
      expect((await app.request('/api/tenants/plain/stop', { method: 'POST' })).status).toBe(200);
      expect((await app.request('/api/tenants/plain', { method: 'DELETE' })).status).toBe(204);
    });

    it('refuses a JSON body over 1 MB with 413, with or without a Content-Length', async () => {
      const app = await appWith(undefined);
      const big = JSON.stringify({ name: 'acme', padding: 'x'.repeat(2 * 2 ** 20) });
      const lengths: Array<Record<string, string>> = [{}, { 'Content-Length': String(Buffer.byteLength(big)) }];
      for (const headers of lengths) {
        const answer = await create(app, 'acme', headers, big);
        expect(answer.status).toBe(413);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(await detailOf(answer)).toBe('The request body is larger than 1 MiB, the most the control plane takes as JSON.');
      }
      expect(await names(app)).toEqual([]);
    });
  });
});
