import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
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

  it('is open without a configured token, and its health names the runtimes and the data dir', async () => {
    const app = await appWith(undefined);
    expect(await (await app.request('/api/tenants')).json()).toEqual({ tenants: [] });
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', tenants: 0, runtimes: ['embedded'], defaultRuntime: 'embedded', dataDir: bed.dir });
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
});
