import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { temporaryDataDir } from '../../test/support/platform-process.js';
import { Registry, type TenantRecord } from '../tenants/registry.js';
import { hashTokenSecret } from './token-secret.js';
import { TokenStore } from './token-store.js';

const AT = '2030-01-01T00:00:00.000Z';
const tenantRecord = (name: string): TenantRecord => ({
  name, state: 'running', runtime: 'embedded', createdAt: AT, updatedAt: AT, lastBackupAt: null, reason: null,
});

describe('TokenStore', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  let registry: Registry;
  let now: Date;
  let store: TokenStore;
  const registryFile = async () => readFile(path.join(data.dir, 'registry.json'), 'utf8');
  const storedTokens = async (tenant: string) =>
    (JSON.parse(await registryFile()) as { tenants: TenantRecord[] }).tenants.find((record) => record.name === tenant)?.tokens;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    data = await temporaryDataDir();
    registry = await Registry.open(data.dir);
    await registry.save(tenantRecord('acme'));
    await registry.save(tenantRecord('beta'));
    now = new Date(AT);
    store = new TokenStore({ registry, logger: silentLogger, flushEveryMs: 60_000, now: () => now });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await data.remove();
  });

  it('shows the secret once and keeps only its SHA-256 in the registry', async () => {
    const created = await store.create('acme', { name: 'ci', scope: 'read-write', expiresAt: null });
    expect(created.token).toMatch(/^pbs_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'ci', scope: 'read-write', createdAt: AT, expiresAt: null, lastUsedAt: null });
    const file = await registryFile();
    expect(file).not.toContain(created.token);
    expect(file).not.toContain(created.token.slice(4));
    expect((await storedTokens('acme'))?.[0]?.sha256).toBe(hashTokenSecret(created.token));
    expect(store.list('acme')).toEqual([{ id: created.id, name: 'ci', scope: 'read-write', createdAt: AT, expiresAt: null, lastUsedAt: null }]);
  });

  it('accepts a token for its own tenant only, and refuses revoked, expired and malformed ones', async () => {
    const ci = await store.create('acme', { name: 'ci', scope: 'read-only', expiresAt: '2030-01-02T00:00:00.000Z' });
    const other = await store.create('beta', { name: 'ci', scope: 'read-write', expiresAt: null });
    expect(store.check('acme', ci.token)).toMatchObject({ valid: true, token: { id: ci.id, scope: 'read-only' } });
    expect(store.check('beta', ci.token)).toEqual({ valid: false, problem: 'unknown' });
    expect(store.check('acme', other.token)).toEqual({ valid: false, problem: 'unknown' });
    expect(store.check('acme', `${ci.token}x`)).toEqual({ valid: false, problem: 'unknown' });
    expect(store.check('acme', 'pbs_')).toEqual({ valid: false, problem: 'unknown' });
    now = new Date('2030-01-02T00:00:00.000Z');
    expect(store.check('acme', ci.token)).toMatchObject({ valid: false, problem: 'expired', token: { name: 'ci' } });
    await store.revoke('beta', other.id);
    expect(store.check('beta', other.token)).toEqual({ valid: false, problem: 'unknown' });
    expect(await storedTokens('beta')).toEqual([]);
  });

  it('refuses a second token of the same name, and unknown tenants and tokens', async () => {
    await store.create('acme', { name: 'ci', scope: 'read-only', expiresAt: null });
    await expect(store.create('acme', { name: 'ci', scope: 'read-write', expiresAt: null })).rejects.toThrow('Tenant "acme" already has a token named "ci"');
    await expect(store.create('nobody', { name: 'ci', scope: 'read-write', expiresAt: null })).rejects.toThrow('There is no tenant named "nobody".');
    await expect(store.revoke('acme', 'nope')).rejects.toThrow('Tenant "acme" has no token with id "nope".');
    expect(() => store.list('nobody')).toThrow('There is no tenant named "nobody".');
  });

  it('notes last use in memory and writes it to the registry once per interval, not per request', async () => {
    const ci = await store.create('acme', { name: 'ci', scope: 'read-write', expiresAt: null });
    const save = vi.spyOn(registry, 'save');
    now = new Date('2030-01-01T00:00:05.000Z');
    store.check('acme', ci.token);
    now = new Date('2030-01-01T00:00:07.000Z');
    store.check('acme', ci.token);
    expect(store.list('acme')[0]?.lastUsedAt).toBe('2030-01-01T00:00:07.000Z');
    expect(save).not.toHaveBeenCalled();
    expect((await storedTokens('acme'))?.[0]?.lastUsedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () => expect((await storedTokens('acme'))?.[0]?.lastUsedAt).toBe('2030-01-01T00:00:07.000Z'));
    // Nothing used since: the next interval writes nothing.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('drops last-use times of tokens revoked, or tenants removed, before the flush', async () => {
    const ci = await store.create('acme', { name: 'ci', scope: 'read-write', expiresAt: null });
    const other = await store.create('beta', { name: 'ci', scope: 'read-write', expiresAt: null });
    store.check('acme', ci.token);
    store.check('beta', other.token);
    await registry.delete('beta');
    await store.revoke('acme', ci.id);
    const save = vi.spyOn(registry, 'save');
    await store.flush();
    expect(save).not.toHaveBeenCalled();
    expect(registry.find('beta')).toBeUndefined();
  });
});
