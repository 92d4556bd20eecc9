import { describe, expect, it } from 'vitest';
import { readBrokerConfig } from './broker-config.js';

describe('readBrokerConfig: the database variables of the official image', () => {
  it.each([
    ['nothing set', {}, 'sqlite:///tmp/pact_broker.sqlite'],
    ['a URL', { PACT_BROKER_DATABASE_URL: 'postgresql://u:p@db/pact' }, 'postgresql://u:p@db/pact'],
    [
      'the URL over parts',
      { PACT_BROKER_DATABASE_URL: 'postgres://u:p@db/pact', PACT_BROKER_DATABASE_HOST: 'other' },
      'postgres://u:p@db/pact',
    ],
    [
      'parts, the adapter defaulting to postgres',
      {
        PACT_BROKER_DATABASE_USERNAME: 'pact',
        PACT_BROKER_DATABASE_PASSWORD: 'p@ss:word',
        PACT_BROKER_DATABASE_HOST: 'pact_db',
        PACT_BROKER_DATABASE_PORT: '5433',
        PACT_BROKER_DATABASE_NAME: 'broker',
        PACT_BROKER_DATABASE_SSLMODE: 'require',
      },
      'postgres://pact:p%40ss%3Aword@pact_db:5433/broker?sslmode=require',
    ],
    ['a host alone', { PACT_BROKER_DATABASE_HOST: 'pact_db' }, 'postgres://pact_db/'],
    ['the sqlite adapter', { PACT_BROKER_DATABASE_ADAPTER: 'sqlite', PACT_BROKER_DATABASE_NAME: '/data/pact.sqlite' }, 'sqlite:///data/pact.sqlite'],
  ])('%s', (_case, env, databaseUrl) => {
    expect(readBrokerConfig(env).databaseUrl).toBe(databaseUrl);
  });

  it('defaults to 4 connections and no connect retries, as the image', () => {
    expect(readBrokerConfig({})).toMatchObject({ databaseMaxConnections: 4, databaseConnectMaxRetries: 0 });
    const env = { PACT_BROKER_DATABASE_MAX_CONNECTIONS: '10', PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES: '5' };
    expect(readBrokerConfig(env)).toMatchObject({ databaseMaxConnections: 10, databaseConnectMaxRetries: 5 });
  });

  it.each([
    [{ PACT_BROKER_DATABASE_ADAPTER: 'mysql' }, /PACT_BROKER_DATABASE_ADAPTER must be postgres or sqlite, got "mysql"/],
    [{ PACT_BROKER_DATABASE_HOST: 'db', PACT_BROKER_DATABASE_PORT: 'x' }, /PACT_BROKER_DATABASE_PORT must be a port number/],
    [{ PACT_BROKER_DATABASE_MAX_CONNECTIONS: '0' }, /PACT_BROKER_DATABASE_MAX_CONNECTIONS must be a whole number of at least 1/],
    [{ PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES: '-1' }, /PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES must be a whole number of at least 0/],
    [{ PACT_BROKER_ALLOW_PUBLIC_READ: 'yes', PACT_BROKER_BASIC_AUTH_ENABLED: 'true' }, /PACT_BROKER_ALLOW_PUBLIC_READ must be true or false, got "yes"/],
  ])('refuses %o', (env, message) => {
    expect(() => readBrokerConfig(env)).toThrow(message);
  });

  describe('*_FILE variables (issue 12: the password in a Swarm secret, not in the service spec)', () => {
    const files: Record<string, string> = { '/run/secrets/db-password': 'p@ss:word\n', '/run/secrets/db-url': 'postgres://u:p@db/pact\n' };
    const readFile = (path: string) => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return content;
    };

    it.each([
      ['the password into a URL without one', { PACT_BROKER_DATABASE_URL: 'postgres://u@db:5432/pact', PACT_BROKER_DATABASE_PASSWORD_FILE: '/run/secrets/db-password' }, 'postgres://u:p%40ss%3Aword@db:5432/pact'],
      ['the password into the parts', { PACT_BROKER_DATABASE_USERNAME: 'u', PACT_BROKER_DATABASE_HOST: 'db', PACT_BROKER_DATABASE_NAME: 'pact', PACT_BROKER_DATABASE_PASSWORD_FILE: '/run/secrets/db-password' }, 'postgres://u:p%40ss%3Aword@db/pact'],
      ['the whole URL', { PACT_BROKER_DATABASE_URL_FILE: '/run/secrets/db-url' }, 'postgres://u:p@db/pact'],
    ])('reads %s', (_case, env, databaseUrl) => {
      expect(readBrokerConfig(env, readFile).databaseUrl).toBe(databaseUrl);
    });

    it.each([
      [{ PACT_BROKER_DATABASE_PASSWORD: 'x', PACT_BROKER_DATABASE_PASSWORD_FILE: '/run/secrets/db-password' }, 'PACT_BROKER_DATABASE_PASSWORD and PACT_BROKER_DATABASE_PASSWORD_FILE are both set; set one of them.'],
      [{ PACT_BROKER_DATABASE_URL: 'postgres://u:x@db/pact', PACT_BROKER_DATABASE_PASSWORD_FILE: '/run/secrets/db-password' }, /PACT_BROKER_DATABASE_URL has a password, and PACT_BROKER_DATABASE_PASSWORD_FILE names another/],
      [{ PACT_BROKER_DATABASE_URL_FILE: '/run/secrets/missing' }, /^PACT_BROKER_DATABASE_URL_FILE names \/run\/secrets\/missing, which cannot be read \(ENOENT/],
    ])('refuses %o', (env, message) => {
      expect(() => readBrokerConfig(env, readFile)).toThrow(message);
    });
  });

  it('limits request bodies to 16 MiB unless PACT_BROKER_MAX_BODY_BYTES says otherwise (issue 11)', () => {
    expect(readBrokerConfig({}).maxBodyBytes).toBe(16 * 1024 * 1024);
    expect(readBrokerConfig({ PACT_BROKER_MAX_BODY_BYTES: '1048576' }).maxBodyBytes).toBe(1048576);
    expect(() => readBrokerConfig({ PACT_BROKER_MAX_BODY_BYTES: '16MB' })).toThrow(
      'PACT_BROKER_MAX_BODY_BYTES must be a whole number of at least 1, got "16MB".',
    );
  });

  it('reads the webhook secrets key from PACT_BROKER_SECRETS_KEY or its _FILE, and refuses one that is not 32 bytes (team issue 14)', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(readBrokerConfig({}).secretsKey).toBeUndefined();
    expect(readBrokerConfig({ PACT_BROKER_SECRETS_KEY: key }).secretsKey).toEqual(Buffer.alloc(32, 9));
    expect(readBrokerConfig({ PACT_BROKER_SECRETS_KEY_FILE: '/run/secrets/key' }, () => `${key}\n`).secretsKey).toEqual(Buffer.alloc(32, 9));
    expect(() => readBrokerConfig({ PACT_BROKER_SECRETS_KEY: 'c2hvcnQ=' })).toThrow('PACT_BROKER_SECRETS_KEY must be 32 random bytes in base64');
  });

  it('records deployments for tags named as environments unless PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS=false (Ruby default true; team issue 14)', () => {
    expect(readBrokerConfig({}).createDeployedVersionsForTags).toBe(true);
    expect(readBrokerConfig({ PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS: 'false' }).createDeployedVersionsForTags).toBe(false);
    expect(() => readBrokerConfig({ PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS: 'no' })).toThrow('PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS must be true or false, got "no".');
  });

  it('refuses changed pact content for a published version unless PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION=true (Ruby default false; team issue 14)', () => {
    expect(readBrokerConfig({}).allowDangerousContractModification).toBe(false);
    expect(readBrokerConfig({ PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION: 'true' }).allowDangerousContractModification).toBe(true);
  });

  it('turns basic auth on with the read/write user, as the image does, with badges public unless told', () => {
    expect(readBrokerConfig({}).basicAuth).toBeUndefined();
    expect(readBrokerConfig({ PACT_BROKER_BASIC_AUTH_USERNAME: 'ci' }).basicAuth).toBeUndefined();
    expect(readBrokerConfig({ PACT_BROKER_BASIC_AUTH_USERNAME: 'ci', PACT_BROKER_BASIC_AUTH_PASSWORD: 's3cret' }).basicAuth).toEqual({
      username: 'ci',
      password: 's3cret',
      readOnlyUsername: undefined,
      readOnlyPassword: undefined,
      allowPublicRead: false,
      publicHeartbeat: false,
      publicBadges: true,
    });
    const env = {
      PACT_BROKER_BASIC_AUTH_ENABLED: 'true',
      PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME: 'dev',
      PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD: 'd3v',
      PACT_BROKER_ALLOW_PUBLIC_READ: 'TRUE',
      PACT_BROKER_PUBLIC_HEARTBEAT: 'true',
      PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS: 'false',
    };
    expect(readBrokerConfig(env).basicAuth).toEqual({
      username: '',
      password: '',
      readOnlyUsername: 'dev',
      readOnlyPassword: 'd3v',
      allowPublicRead: true,
      publicHeartbeat: true,
      publicBadges: false,
    });
  });
});
