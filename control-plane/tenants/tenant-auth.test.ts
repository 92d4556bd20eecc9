import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from '../../shared/password-hash.js';
import { PLATFORM_CREDENTIAL } from './platform-credential.js';
import type { TenantRecord } from './registry.js';
import { basicAuthEnv, basicAuthView, brokerAuthHeaders, hashEmbeddedPasswords, parseBasicAuth } from './tenant-auth.js';

describe("a tenant's basic auth", () => {
  it('takes the read/write user, an optional read-only user and the public switches', () => {
    expect(parseBasicAuth(undefined)).toBeUndefined();
    expect(parseBasicAuth({ username: 'ci', password: 'ci-secret' })).toEqual({
      username: 'ci', password: 'ci-secret', readOnlyUsername: undefined, readOnlyPassword: undefined,
      allowPublicRead: false, publicHeartbeat: false, publicBadges: true,
    });
    expect(parseBasicAuth({ username: 'ci', password: 'ci-secret', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret', allowPublicRead: true })).toMatchObject({
      readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret', allowPublicRead: true,
    });
  });

  it.each([
    ['ci:pass', /"basicAuth" must be an object/],
    [{ username: 'ci' }, /"basicAuth.password" must be a password of 8 to 200 characters/],
    [{ username: 'c i', password: 'ci-secret' }, /"basicAuth.username" must be a user name of 1 to 100 letters, digits, "\.", "_", "@", "\+" or "-"/],
    [{ username: 'c:i', password: 'ci-secret' }, /"basicAuth.username" must be a user name/],
    [{ username: 'ci;rm', password: 'ci-secret' }, /"basicAuth.username" must be a user name/],
    [{ username: 'ci', password: 'ci-secret', readOnlyUsername: '$(x)', readOnlyPassword: 'dev-secret' }, /"basicAuth.readOnlyUsername" must be a user name/],
    [{ username: 'ci', password: 'short' }, /"basicAuth.password" must be a password of 8 to 200 characters/],
    [{ username: 'ci', password: 'ci-secret', readOnlyUsername: 'dev' }, /"basicAuth.readOnlyPassword" must be a password/],
    [{ username: 'ci', password: 'ci-secret', readOnlyUsername: 'ci', readOnlyPassword: 'dev-secret' }, /must differ/],
    [{ username: 'ci', password: 'ci-secret', allowPublicRead: 'yes' }, /"basicAuth.allowPublicRead" must be true or false/],
    [{ username: 'ci', password: 'ci-secret', realm: 'x' }, /Unknown field "basicAuth.realm"/],
    [{ username: 'ci', password: `scrypt$16384$8$1$${'A'.repeat(22)}==$${'B'.repeat(43)}=` }, /"basicAuth.password" has the form of a stored password hash/],
  ])('refuses %j', (value, message) => {
    expect(() => parseBasicAuth(value)).toThrow(message);
  });

  it('never shows the passwords, and gives the broker and the platform what they need', () => {
    const settings = parseBasicAuth({ username: 'ci', password: 'ci-secret', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret' })!;
    expect(JSON.stringify(basicAuthView(settings))).not.toContain('secret');
    expect(basicAuthView(settings)).toEqual({ username: 'ci', readOnlyUsername: 'dev', allowPublicRead: false, publicHeartbeat: false });
    expect(basicAuthView(undefined)).toBeNull();
    expect(brokerAuthHeaders({ basicAuth: settings })).toEqual({ Authorization: `Basic ${Buffer.from('ci:ci-secret').toString('base64')}` });
    expect(brokerAuthHeaders({})).toEqual({});
    expect(basicAuthEnv(settings)).toEqual([
      'PACT_BROKER_BASIC_AUTH_USERNAME=ci',
      'PACT_BROKER_BASIC_AUTH_PASSWORD=ci-secret',
      'PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME=dev',
      'PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD=dev-secret',
      'PACT_BROKER_ALLOW_PUBLIC_READ=false',
      'PACT_BROKER_PUBLIC_HEARTBEAT=false',
    ]);
  });
});

describe("embedded tenants' passwords (issue 11)", () => {
  const record = (runtime: TenantRecord['runtime']): TenantRecord => ({
    name: 'acme', state: 'running', runtime, createdAt: '', updatedAt: '', lastBackupAt: null, reason: null,
    basicAuth: parseBasicAuth({ username: 'ci', password: 'ci-secret', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret' }),
  });

  it('are replaced by scrypt hashes, once; docker tenants keep theirs for their containers', async () => {
    const embedded = record('embedded');
    expect(await hashEmbeddedPasswords(embedded)).toBe(true);
    const { password, readOnlyPassword } = embedded.basicAuth!;
    expect(isPasswordHash(password) && isPasswordHash(readOnlyPassword!)).toBe(true);
    expect(await verifyPassword('ci-secret', password)).toBe(true);
    expect(await verifyPassword('dev-secret', readOnlyPassword!)).toBe(true);
    expect(await hashEmbeddedPasswords(embedded)).toBe(false);
    expect(embedded.basicAuth!.password).toBe(password);

    const docker = record('docker');
    expect(await hashEmbeddedPasswords(docker)).toBe(false);
    expect(docker.basicAuth).toMatchObject({ password: 'ci-secret', readOnlyPassword: 'dev-secret' });
  });

  it('leave a blank password blank, so that it still means "no such user"', async () => {
    const tenant = record('embedded');
    tenant.basicAuth = { ...tenant.basicAuth!, password: '', readOnlyPassword: undefined };
    await hashEmbeddedPasswords(tenant);
    expect(tenant.basicAuth).toMatchObject({ password: '', readOnlyPassword: undefined });
  });

  it("make the platform sign in with its own in-memory credential, never a hash", async () => {
    const settings = { ...parseBasicAuth({ username: 'ci', password: 'ci-secret' })!, password: await hashPassword('ci-secret') };
    const platform = `Basic ${Buffer.from(`${PLATFORM_CREDENTIAL.username}:${PLATFORM_CREDENTIAL.password}`).toString('base64')}`;
    expect(brokerAuthHeaders({ basicAuth: settings })).toEqual({ Authorization: platform });
    expect(PLATFORM_CREDENTIAL.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
