import { describe, expect, it } from 'vitest';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

describe('token routes', () => {
  const bed = useEmbeddedTestBed();
  const platform = async () => {
    const { app } = await testControlPlane(bed.dir, bed.runtime);
    expect((await app.request('/api/tenants', json({ name: 'acme' }))).status).toBe(201);
    return app;
  };
  const detail = async (answer: Response) => ((await answer.json()) as { detail: string }).detail;

  it('creates a token, shows its secret once, lists it without the secret and revokes it', async () => {
    const app = await platform();
    const created = await app.request('/api/tenants/acme/tokens', json({ name: 'ci', scope: 'read-write', expiresAt: '2099-01-01T00:00:00Z' }));
    expect(created.status).toBe(201);
    const token = (await created.json()) as Record<string, string>;
    expect(Object.keys(token).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'scope', 'token']);
    expect(token).toMatchObject({ name: 'ci', scope: 'read-write', expiresAt: '2099-01-01T00:00:00.000Z', lastUsedAt: null });
    expect(token.token).toMatch(/^pbs_/);
    expect(created.headers.get('location')).toBe(`/api/tenants/acme/tokens/${token.id}`);
    const listed = await (await app.request('/api/tenants/acme/tokens')).text();
    expect(JSON.parse(listed)).toEqual({ tokens: [{ id: token.id, name: 'ci', scope: 'read-write', createdAt: token.createdAt, expiresAt: token.expiresAt, lastUsedAt: null }] });
    expect(listed).not.toContain(token.token);
    expect((await app.request('/api/tenants/acme')).status).toBe(200);
    expect(await (await app.request('/api/tenants/acme')).text()).not.toContain('sha256');
    expect((await app.request(`/api/tenants/acme/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await app.request('/api/tenants/acme/tokens')).json()).toEqual({ tokens: [] });
  });

  it.each([
    [{ scope: 'read-write' }, '"name" must be a name of 1 to 100 characters on one line, for example "ci".'],
    [{ name: 'x'.repeat(101), scope: 'read-write' }, '"name" must be a name of 1 to 100 characters on one line, for example "ci".'],
    [{ name: 'ci\nx', scope: 'read-write' }, '"name" must be a name of 1 to 100 characters on one line, for example "ci".'],
    [{ name: 'ci', scope: 'admin' }, '"scope" must be "read-only" or "read-write"; got "admin".'],
    [{ name: 'ci' }, '"scope" must be "read-only" or "read-write"; got nothing.'],
    [{ name: 'ci', scope: 'read-only', expiresAt: 'tomorrow' }, '"expiresAt" must be an ISO 8601 time with a zone, for example "2030-01-31T00:00:00Z"; got "tomorrow".'],
    [{ name: 'ci', scope: 'read-only', expiresAt: '2020-01-01T00:00:00Z' }, '"expiresAt" must be in the future; 2020-01-01T00:00:00Z has passed.'],
    [{ name: 'ci', scope: 'read-only', owner: 'me' }, 'Unknown field "owner"; a token takes "name", "scope" and, optionally, "expiresAt".'],
  ])('refuses %j with a sentence', async (body, sentence) => {
    const app = await platform();
    const refused = await app.request('/api/tenants/acme/tokens', json(body));
    expect(refused.status).toBe(400);
    expect(await detail(refused)).toBe(sentence);
    expect(await (await app.request('/api/tenants/acme/tokens')).json()).toEqual({ tokens: [] });
  });

  it('answers 404 for an unknown tenant or token, and a removed tenant takes its tokens with it', async () => {
    const app = await platform();
    const unknownTenant = await app.request('/api/tenants/nobody/tokens', json({ name: 'ci', scope: 'read-only' }));
    expect(unknownTenant.status).toBe(404);
    expect(await detail(unknownTenant)).toBe('There is no tenant named "nobody".');
    expect((await app.request('/api/tenants/nobody/tokens')).status).toBe(404);
    const unknownToken = await app.request('/api/tenants/acme/tokens/abc', { method: 'DELETE' });
    expect(unknownToken.status).toBe(404);
    expect(await detail(unknownToken)).toBe('Tenant "acme" has no token with id "abc".');
    await app.request('/api/tenants/acme/tokens', json({ name: 'ci', scope: 'read-only' }));
    expect((await app.request('/api/tenants/acme', { method: 'DELETE' })).status).toBe(204);
    await app.request('/api/tenants', json({ name: 'acme' }));
    expect(await (await app.request('/api/tenants/acme/tokens')).json()).toEqual({ tokens: [] });
  });

  it('takes requireAuth for tenants without basicAuth, and shows it instead of the platform\'s own user', async () => {
    const { app } = await testControlPlane(bed.dir, bed.runtime);
    const created = await app.request('/api/tenants', json({ name: 'locked', requireAuth: true }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ requireAuth: true, basicAuth: null });
    expect(await (await app.request('/api/tenants/locked')).text()).not.toContain('pactsafs-gateway');
    const both = await app.request('/api/tenants', json({ name: 'both', requireAuth: true, basicAuth: { username: 'ci', password: 'ci-secret-1' } }));
    expect(both.status).toBe(400);
    expect(await detail(both)).toBe('"requireAuth" is for tenants without "basicAuth": with "basicAuth" the broker already asks for its users\' credentials.');
    const notFlag = await app.request('/api/tenants', json({ name: 'other', requireAuth: 'yes' }));
    expect(await detail(notFlag)).toBe('"requireAuth" must be true or false.');
    expect(await (await app.request('/api/tenants', json({ name: 'open' }))).json()).toMatchObject({ requireAuth: false });
  });
});
