import { describe, expect, it } from 'vitest';
import type { BasicAuthSettings } from '../../shared/broker-config.js';
import { hashPassword } from '../../shared/password-hash.js';
import { publishBody, useTestBroker } from '../test-support/test-broker.js';
import { requiredAccess } from './basic-auth.js';

const SETTINGS: BasicAuthSettings = {
  username: 'ci',
  password: 'ci-secret',
  readOnlyUsername: 'dev',
  readOnlyPassword: 'dev-secret',
  allowPublicRead: false,
  publicHeartbeat: false,
  publicBadges: true,
};
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const WRITER = basic('ci', 'ci-secret');
const READER = basic('dev', 'dev-secret');

describe('the access a request needs (the Ruby broker rules)', () => {
  it.each([
    ['GET', '/pacticipants', 'read', SETTINGS],
    ['HEAD', '/', 'read', SETTINGS],
    ['OPTIONS', '/pacts/latest', 'read', SETTINGS],
    ['POST', '/pacts/provider/Bar/for-verification', 'read', SETTINGS],
    ['POST', '/pacts/provider/Bar/for-verification/more', 'write', SETTINGS],
    ['POST', '/contracts/publish', 'write', SETTINGS],
    ['PUT', '/pacticipants/Foo/branches/main/versions/1', 'write', SETTINGS],
    ['DELETE', '/pacticipants/Foo', 'write', SETTINGS],
    ['GET', '/diagnostic/status/heartbeat', 'read', SETTINGS],
    ['GET', '/diagnostic/status/heartbeat', 'public', { ...SETTINGS, publicHeartbeat: true }],
    ['POST', '/diagnostic/status/heartbeat', 'write', { ...SETTINGS, publicHeartbeat: true }],
    ['GET', '/pacts/provider/Bar/consumer/Foo/latest/badge', 'public', SETTINGS],
    ['GET', '/pacts/provider/Bar/consumer/Foo/latest/main/badge.svg', 'public', SETTINGS],
    ['GET', '/matrix/provider/Bar/latest/main/consumer/Foo/latest/main/badge', 'public', SETTINGS],
    ['GET', '/pacticipants/Foo/latest-version/main/can-i-deploy/to/prod/badge', 'public', SETTINGS],
    ['GET', '/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/prod/badge', 'public', SETTINGS],
    ['GET', '/pacticipants/Foo/main-branch/can-i-merge/badge', 'public', SETTINGS],
    ['GET', '/pacts/provider/Bar/consumer/Foo/latest/badge', 'read', { ...SETTINGS, publicBadges: false }],
    ['GET', '/pacticipants', 'public', { ...SETTINGS, allowPublicRead: true }],
    ['POST', '/pacts/provider/Bar/for-verification', 'public', { ...SETTINGS, allowPublicRead: true }],
    ['POST', '/contracts/publish', 'write', { ...SETTINGS, allowPublicRead: true }],
  ] as const)('%s %s needs %s access (row %#)', (method, path, access, settings) => {
    expect(requiredAccess(method, path, settings)).toBe(access);
  });
});

describe('a broker with basic auth', () => {
  const t = useTestBroker('sqlite', { basicAuth: SETTINGS });

  it('challenges a request without credentials with an empty 401, before any other header is set', async () => {
    const answer = await t.request('GET', '/');
    expect(answer.status).toBe(401);
    expect(Object.fromEntries(answer.headers)).toEqual({
      'content-type': 'text/plain',
      'content-length': '0',
      'www-authenticate': 'Basic realm="Restricted area"',
    });
    expect(await answer.text()).toBe('');
  });

  it('answers 400 to credentials of another scheme or without user:password, as Rack does', async () => {
    for (const authorization of ['Bearer abc', 'Basic', `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
      const answer = await t.request('GET', '/', { headers: { authorization } });
      expect(answer.status, authorization).toBe(400);
      expect(answer.headers.get('www-authenticate')).toBeNull();
    }
  });

  it('refuses a wrong password and one user\'s name with the other\'s password', async () => {
    for (const headers of [basic('ci', 'wrong'), basic('dev', 'ci-secret'), basic('', '')]) {
      expect((await t.request('GET', '/pacticipants', { headers })).status).toBe(401);
    }
  });

  it('lets the read/write user publish and the read-only user read, but not write', async () => {
    const body = publishBody({ pacticipantVersionNumber: '1.0.0', branch: 'main' });
    expect((await t.request('POST', '/contracts/publish', { body, headers: READER })).status).toBe(401);
    expect((await t.request('GET', '/pacticipants/Foo', { headers: READER })).status).toBe(404);
    expect((await t.request('POST', '/contracts/publish', { body, headers: WRITER })).status).toBe(200);
    const read = await t.request('GET', '/pacticipants/Foo', { headers: READER });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-pact-broker-version')).toMatch(/^\d+\.\d+\.\d+$/);
    const forVerification = await t.request('POST', '/pacts/provider/Bar/for-verification', { body: { consumerVersionSelectors: [{ mainBranch: true }] }, headers: READER });
    expect(forVerification.status).toBe(200);
    expect((await t.request('DELETE', '/pacticipants/Foo', { headers: READER })).status).toBe(401);
  });

  it('shows badges to anyone', async () => {
    const badge = await t.request('GET', '/pacts/provider/Bar/consumer/Foo/latest/badge', { headers: { accept: 'image/svg+xml' } });
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toContain('image/svg+xml');
  });
});

describe('a broker with public reads and heartbeat', () => {
  const t = useTestBroker('sqlite', { basicAuth: { ...SETTINGS, readOnlyUsername: undefined, readOnlyPassword: undefined, allowPublicRead: true, publicHeartbeat: true } });

  it('reads without credentials and still needs the read/write user to write', async () => {
    expect((await t.request('GET', '/diagnostic/status/heartbeat')).status).toBe(200);
    expect((await t.request('GET', '/pacticipants')).status).toBe(200);
    const put = (headers?: Record<string, string>) => t.request('PUT', '/pacticipants/Foo/branches/main/versions/1', { body: {}, headers });
    expect((await put()).status).toBe(401);
    expect((await put(READER)).status).toBe(401);
    expect((await put(WRITER)).status).toBe(201);
  });
});

// Issue 11: embedded brokers are given scrypt hashes of the passwords, and the platform's own user.
const HASHED: BasicAuthSettings = { ...SETTINGS, password: await hashPassword('ci-secret'), readOnlyPassword: await hashPassword('dev-secret') };
const PLATFORM = { username: 'pactsafs-platform', password: 'platform-secret-of-this-process' };

describe('a broker that knows only hashes of the passwords', () => {
  const t = useTestBroker('sqlite', { basicAuth: HASHED, platformCredential: PLATFORM });
  const put = (headers?: Record<string, string>) => t.request('PUT', '/pacticipants/Foo/branches/main/versions/1', { body: {}, headers });

  it('lets the users in with their passwords, again and again, and the read-only user only to read', async () => {
    for (let round = 0; round < 2; round += 1) {
      expect((await put(WRITER)).status).toBeLessThan(300);
      expect((await t.request('GET', '/pacticipants/Foo', { headers: READER })).status).toBe(200);
      expect((await put(READER)).status).toBe(401);
    }
  });

  it('refuses wrong passwords, and the hash itself sent as a password', async () => {
    for (const headers of [basic('ci', 'wrong'), basic('dev', 'ci-secret'), basic('ci', HASHED.password), basic('dev', HASHED.readOnlyPassword!)]) {
      expect((await t.request('GET', '/pacticipants', { headers })).status).toBe(401);
    }
  });

  it("lets the platform's own user read and write", async () => {
    const headers = basic(PLATFORM.username, PLATFORM.password);
    expect((await put(headers)).status).toBeLessThan(300);
    expect((await t.request('GET', '/pacticipants/Foo', { headers })).status).toBe(200);
    expect((await put(basic(PLATFORM.username, 'another-process-secret'))).status).toBe(401);
  });
});

describe("a broker without the platform's user", () => {
  const t = useTestBroker('sqlite', { basicAuth: SETTINGS });

  it('does not know it', async () => {
    expect((await t.request('GET', '/pacticipants', { headers: basic(PLATFORM.username, PLATFORM.password) })).status).toBe(401);
  });
});
