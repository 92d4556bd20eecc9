import { describe, expect, it } from 'vitest';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import type { AuditEntry } from '../audit/audit-log.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';

// Issue 12, item 5: `POST /api/tenants/<t>/move` refuses what it cannot do with a problem and a
// sentence, changing nothing (the real API over the embedded runtime; the swarm cases run on a
// two-node lab in test/e2e/swarm-move.e2e.test.ts).
describe('POST /api/tenants/<t>/move input checks', () => {
  const bed = useEmbeddedTestBed();
  const json = { 'Content-Type': 'application/json' };
  const move = (app: Awaited<ReturnType<typeof testControlPlane>>['app'], tenant: string, body: string, headers: Record<string, string> = json) =>
    app.request(`/api/tenants/${tenant}/move`, { method: 'POST', body, headers });
  const problem = async (answer: Response) => ({ status: answer.status, type: answer.headers.get('content-type'), detail: ((await answer.json()) as { detail: string }).detail });

  it('answers 404 for an unknown tenant, 409 for a tenant that is not on swarm, 400/415 for bad bodies; the tenant is unchanged', async () => {
    const { app } = await testControlPlane(bed.dir, bed.runtime);
    expect((await app.request('/api/tenants', { method: 'POST', body: '{"name":"mvacme"}', headers: json })).status).toBe(201);
    const before = await (await app.request('/api/tenants/mvacme')).json();

    expect(await problem(await move(app, 'nope', '{"node":"sw2"}'))).toEqual({ status: 404, type: 'application/problem+json', detail: 'There is no tenant named "nope".' });
    expect(await problem(await move(app, 'mvacme', '{"node":"sw2"}'))).toEqual({
      status: 409,
      type: 'application/problem+json',
      detail: 'Tenant "mvacme" runs on the embedded runtime, whose data live on this machine; only swarm tenants\' data move between nodes.',
    });
    expect(await problem(await move(app, 'mvacme', '{}'))).toMatchObject({ status: 400, detail: 'Say where the tenant\'s data should go: {"node": "<node id or host name>"}.' });
    expect(await problem(await move(app, 'mvacme', '{"node":" "}'))).toMatchObject({ status: 400 });
    expect(await problem(await move(app, 'mvacme', '{"node":2}'))).toMatchObject({ status: 400 });
    expect(await problem(await move(app, 'mvacme', '{"node":"sw2","to":"sw3"}'))).toMatchObject({ status: 400, detail: 'Unknown field "to"; a move takes only "node".' });
    expect(await problem(await move(app, 'mvacme', 'node=sw2', {}))).toMatchObject({ status: 415 });

    expect(await (await app.request('/api/tenants/mvacme')).json()).toEqual(before);
  });

  it('refuses a failed tenant (its database may be gone: restore a backup instead) and audits every attempt', async () => {
    const { app, service } = await testControlPlane(bed.dir, bed.runtime, 's3cret');
    const admin = { ...json, Authorization: 'Bearer s3cret' };
    expect((await app.request('/api/tenants', { method: 'POST', body: '{"name":"mvbad"}', headers: admin })).status).toBe(201);
    const tenant = service.get('mvbad');
    Object.assign(tenant, { state: 'failed', reason: 'its node is down' });
    expect(await problem(await move(app, 'mvbad', '{"node":"sw2"}', admin))).toMatchObject({ status: 409, detail: 'Tenant "mvbad" is failed; it cannot move from that state.' });
    const page = (await (await app.request('/api/audit?limit=1', { headers: admin })).json()) as { entries: AuditEntry[] };
    expect(page.entries.map(({ action, tenant: name, outcome }) => ({ action, tenant: name, outcome }))).toEqual([{ action: 'tenant.move', tenant: 'mvbad', outcome: 409 }]);
  });
});
