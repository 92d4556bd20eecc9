import type { Hono } from 'hono';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the dashboard\'s tokens and audit log (issue 11)', () => {
  const bed = useEmbeddedTestBed();
  let app: Hono;
  let flash = '';
  const remember = (answer: Response) => {
    for (const line of answer.headers.getSetCookie()) if (line.startsWith('pactsafs_flash=')) flash = line.split(';')[0] ?? '';
    return answer;
  };
  const get = async (path: string) => remember(await app.request(path, { headers: { Accept: BROWSER_ACCEPT, Cookie: flash } }));
  const post = async (path: string, fields: Record<string, string>, origin = 'http://localhost') =>
    remember(await app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: origin, Accept: BROWSER_ACCEPT } }));
  const follow = async (answer: Response) => {
    expect(answer.status).toBe(303);
    return (await get(answer.headers.get('Location')!)).text();
  };
  const apiCreate = async (body: object) =>
    expect((await app.request('/api/tenants', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })).status).toBe(201);

  beforeEach(async () => {
    flash = '';
    app = (await testControlPlane(bed.dir, bed.runtime)).app;
  });

  it('creates a token with a form and shows its secret once, lists it, and revokes it', async () => {
    await apiCreate({ name: 'acme' });
    expect(await (await get('/tenants/acme')).text()).toContain('No tokens yet.');
    const created = await post('/tenants/acme/tokens', { name: 'ci', scope: 'read-only', expiresAt: '2099-01-31T12:00' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const shown = await created.text();
    const secret = /pbs_[A-Za-z0-9_-]{43}/.exec(shown)?.[0];
    expect(secret).toBeDefined();
    expect(shown).toContain('Copy it now: it is shown only this once. It is read-only, until 2099-01-31 12:00 UTC.');
    expect(created.headers.getSetCookie().join()).not.toContain(secret);

    const page = await (await get('/tenants/acme')).text();
    const cells = (html: string, row: RegExp) => [...(row.exec(html)?.[0] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1]);
    expect(cells(page, /<tr data-token="[0-9a-f]+">.*?<\/tr>/s).slice(0, 5)).toEqual(['ci', 'read-only', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/), '2099-01-31 12:00 UTC', '—']);
    expect(page).not.toContain(secret);
    const id = /data-token="([0-9a-f]+)"/.exec(page)?.[1];
    expect(await follow(await post(`/tenants/acme/tokens/${id}/revoke`, { confirmed: 'yes' }))).toContain('Revoked the token: requests with it are refused from now on.');
    expect(await (await get('/tenants/acme')).text()).toContain('No tokens yet.');
  });

  it('leads back to the tenant page with the API\'s reason, and refuses forms from other sites', async () => {
    await apiCreate({ name: 'acme' });
    expect(await follow(await post('/tenants/acme/tokens', { name: '', scope: 'read-write' }))).toContain('&quot;name&quot; must be a name of 1 to 100 characters on one line');
    expect(await follow(await post('/tenants/acme/tokens', { name: 'ci', scope: 'read-write', expiresAt: '2001-01-01T00:00' }))).toContain(
      '&quot;expiresAt&quot; must be in the future; 2001-01-01T00:00:00Z has passed.',
    );
    expect((await post('/tenants/acme/tokens', { name: 'ci', scope: 'read-write' }, 'http://evil.test')).status).toBe(403);
    expect(await (await app.request('/api/tenants/acme/tokens')).json()).toEqual({ tokens: [] });
  });

  it('creates a tenant that takes only tokens from its form, and shows its access and a publish command with a token', async () => {
    expect(await (await get('/')).text()).toContain('<input type="checkbox" name="requireAuth" value="yes"/>');
    expect(await follow(await post('/tenants', { name: 'locked', runtime: 'embedded', requireAuth: 'yes' }))).toContain('Creating');
    await vi.waitFor(async () => expect(await (await app.request('/api/tenants/locked')).json()).toMatchObject({ state: 'running', requireAuth: true }));
    const page = await (await get('/tenants/locked')).text();
    expect(page).toContain('tokens required: only requests with a token may read or publish; the heartbeat and badges are public');
    expect(page).toContain('--broker-token &quot;$PACT_BROKER_TOKEN&quot;');
    expect(page).not.toContain('pactsafs-gateway');
  });

  it('lists the audit log newest first, the dashboard\'s own actions as "dashboard"', async () => {
    await apiCreate({ name: 'acme' });
    await post('/tenants/acme/tokens', { name: 'ci', scope: 'read-write' });
    await post('/tenants/acme/stop', { back: '/tenants/acme' });
    const page = await (await get('/audit')).text();
    const rows = [...page.matchAll(/<tr data-audit="\d+">(.*?)<\/tr>/gs)].map((row) =>
      [...(row[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].slice(1, 5).map((cell) => cell[1]).join(' '),
    );
    expect(rows).toEqual(['dashboard tenant.stop acme 200', 'dashboard token.create acme 201', 'local tenant.create acme 201']);
    expect(page).not.toContain('Older entries');
  });
});
