import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { temporaryDataDir } from '../../test/support/platform-process.js';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';
import { auditedAction } from './audit-actions.js';
import { AuditLog, type AuditEntry } from './audit-log.js';

const entry = (action: string) => ({ time: '2030-01-01T00:00:00.000Z', actor: 'local' as const, action, tenant: 'acme', outcome: 200, requestId: 'r' });

describe('AuditLog', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  beforeEach(async () => (data = await temporaryDataDir()));
  afterEach(async () => data.remove());

  it('pages newest first with a "before" cursor, and carries on numbering after a reopen', async () => {
    const log = await AuditLog.open(data.dir, silentLogger);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((action) => log.append(entry(action))));
    const actions = (entries: AuditEntry[]) => entries.map((found) => `${found.id}:${found.action}`);
    expect(actions(await log.page({ limit: 2 }))).toEqual(['5:e', '4:d']);
    expect(actions(await log.page({ limit: 2, before: 4 }))).toEqual(['3:c', '2:b']);
    expect(actions(await log.page({ limit: 2, before: 2 }))).toEqual(['1:a']);
    const file = path.join(data.dir, 'audit.log');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // A line cut short by a crash is skipped, not fatal.
    await appendFile(file, '{"id":6,"ti');
    const reopened = await AuditLog.open(data.dir, silentLogger);
    await reopened.append(entry('f'));
    expect(actions(await reopened.page({ limit: 2 }))).toEqual(['6:f', '5:e']);
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(7);
  });
});

describe('the audit trail of the API', () => {
  const bed = useEmbeddedTestBed();
  const post = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });

  it('records who did what to which tenant and the outcome, and serves it newest first behind the admin token', async () => {
    const { app } = await testControlPlane(bed.dir, bed.runtime, 's3cret');
    const admin = { Authorization: 'Bearer s3cret' };
    expect((await app.request('/api/tenants', post({ name: 'acme' }, { ...admin, 'X-Request-Id': 'create-1' }))).status).toBe(201);
    expect((await app.request('/api/tenants/acme/stop', { method: 'POST' })).status).toBe(401);
    const token = (await (await app.request('/api/tenants/acme/tokens', post({ name: 'ci', scope: 'read-only' }, admin))).json()) as { id: string; token: string };
    expect((await app.request(`/api/tenants/acme/tokens/${token.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect((await app.request('/api/tenants/acme/stop', { method: 'POST', headers: admin }, { actor: 'dashboard' })).status).toBe(200);
    expect((await app.request('/api/tenants', post({ name: 'Bad Name' }, admin))).status).toBe(400);
    await app.request('/api/tenants', { headers: admin }); // reads are not recorded
    expect((await app.request('/api/audit')).status).toBe(401);
    const page = (await (await app.request('/api/audit?limit=4', { headers: admin })).json()) as { entries: AuditEntry[]; next: string };
    expect(page.entries.map(({ actor, action, tenant, outcome }) => ({ actor, action, tenant, outcome }))).toEqual([
      { actor: 'admin-token', action: 'tenant.create', tenant: null, outcome: 400 },
      { actor: 'dashboard', action: 'tenant.stop', tenant: 'acme', outcome: 200 },
      { actor: 'admin-token', action: 'token.revoke', tenant: 'acme', outcome: 204 },
      { actor: 'admin-token', action: 'token.create', tenant: 'acme', outcome: 201 },
    ]);
    expect(page.next).toBe(`/api/audit?limit=4&before=${page.entries[3]?.id}`);
    const older = (await (await app.request(page.next, { headers: admin })).json()) as { entries: AuditEntry[]; next: string | null };
    expect(older.entries.map(({ actor, action, outcome, requestId }) => ({ actor, action, outcome, requestId }))).toEqual([
      { actor: 'anonymous', action: 'tenant.stop', outcome: 401, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      { actor: 'admin-token', action: 'tenant.create', outcome: 201, requestId: 'create-1' },
    ]);
    expect(older.next).toBeNull();
    expect(await readFile(path.join(bed.dir, 'audit.log'), 'utf8')).not.toContain(token.token);
  });

  it('records "local" on a platform without an admin token, and refuses bad paging with sentences', async () => {
    const { app } = await testControlPlane(bed.dir, bed.runtime);
    await app.request('/api/tenants', post({ name: 'acme' }));
    const { entries } = (await (await app.request('/api/audit')).json()) as { entries: AuditEntry[] };
    expect(entries).toMatchObject([{ actor: 'local', action: 'tenant.create', tenant: 'acme', outcome: 201 }]);
    const limit = await app.request('/api/audit?limit=0');
    expect(limit.status).toBe(400);
    expect(((await limit.json()) as { detail: string }).detail).toBe('"limit" must be between 1 and 500; got 0.');
    const before = await app.request('/api/audit?before=yesterday');
    expect(((await before.json()) as { detail: string }).detail).toBe('"before" must be a whole number, for example ?before=50; got "yesterday".');
  });
});

describe('auditedAction', () => {
  it.each([
    ['POST', '/api/tenants', '', 'tenant.create', null],
    ['POST', '/api/tenants', 'restoreFrom=upload&name=copy', 'tenant.create-from-backup', null],
    ['POST', '/api/tenants/acme/stop', '', 'tenant.stop', 'acme'],
    ['POST', '/api/tenants/acme/start', '', 'tenant.start', 'acme'],
    ['DELETE', '/api/tenants/acme', 'keepData=true', 'tenant.remove', 'acme'],
    ['POST', '/api/tenants/acme/restore', '', 'tenant.restore', 'acme'],
    ['GET', '/api/tenants/acme/backup', '', 'tenant.backup', 'acme'],
    ['GET', '/api/tenants/acme/backups/acme-2030.tar', '', 'tenant.backup-download', 'acme'],
    ['POST', '/api/tenants/acme/tokens', '', 'token.create', 'acme'],
    ['DELETE', '/api/tenants/acme/tokens/abc', '', 'token.revoke', 'acme'],
    ['PUT', '/api/tenants/acme', '', 'PUT /api/tenants/acme', null],
  ])('names %s %s?%s as %s', (method, path, query, action, tenant) => {
    expect(auditedAction(method, path, new URLSearchParams(query))).toEqual({ action, tenant });
  });

  it('leaves reads out', () => {
    for (const path of ['/api/tenants', '/api/tenants/acme/logs', '/api/audit']) expect(auditedAction('GET', path, new URLSearchParams())).toBeUndefined();
  });
});
