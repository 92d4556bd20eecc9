import { describe, expect, it } from 'vitest';
import { basicAuthEnv, basicAuthView, brokerAuthHeaders, parseBasicAuth } from './tenant-auth.js';

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
