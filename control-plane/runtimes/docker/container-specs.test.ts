import { describe, expect, it } from 'vitest';
import { basicAuthEnv } from '../../tenants/tenant-auth.js';
import { brokerContainerSpec, databaseContainerSpec, envDiffers, envValue } from './container-specs.js';

const settings = { tenant: 'acme', platformVersion: '0.1.0', databasePassword: 's3cret-Generated', image: 'img' };

describe('container specs (the official image driver)', () => {
  const broker = brokerContainerSpec({
    ...settings,
    image: 'pactfoundation/pact-broker:2.135.0-pactbroker2.120.0',
    baseUrls: ['http://acme.localhost:8080', 'http://localhost:8080/t/acme'],
    logLevel: 'info',
    webhooks: { hostWhitelist: ['ci.example.com', '10.0.0.0/8'], schemeWhitelist: ['https'] },
    authEnv: basicAuthEnv({ username: 'ci', password: 'ci-secret', allowPublicRead: true, publicHeartbeat: false, publicBadges: true }),
  });
  const db = databaseContainerSpec({ ...settings, image: 'postgres:17' });

  it('names, labels and restart policy', () => {
    expect(broker.name).toBe('pactsafs-acme-broker');
    expect(db.name).toBe('pactsafs-acme-db');
    expect(broker.Labels).toEqual({ 'pactsafs.tenant': 'acme', 'pactsafs.role': 'broker', 'pactsafs.version': '0.1.0' });
    expect(db.Labels).toEqual({ 'pactsafs.tenant': 'acme', 'pactsafs.role': 'db', 'pactsafs.version': '0.1.0' });
    expect(broker.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(db.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
  });

  it('publishes no port on the host (issue 12: the gateway reaches the broker on the gateway network) and keeps both on the tenant network', () => {
    expect(broker.HostConfig?.PortBindings).toBeUndefined();
    expect(broker.ExposedPorts).toEqual({ '9292/tcp': {} });
    expect(db.HostConfig?.PortBindings).toBeUndefined();
    expect(db.ExposedPorts).toBeUndefined();
    expect(broker.HostConfig?.NetworkMode).toBe('pactsafs-acme');
    expect(db.HostConfig?.NetworkMode).toBe('pactsafs-acme');
    expect(db.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: 'pactsafs-acme-pgdata', Target: '/var/lib/postgresql/data' }]);
  });

  it('runs postgres at wal_level=minimal, where a restore that truncates before COPY writes no WAL (team issue 13)', () => {
    expect(db.Cmd).toEqual(['postgres', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0']);
  });

  it('sets no basic auth for an open tenant', () => {
    const open = brokerContainerSpec({
      ...settings, baseUrls: [], logLevel: 'info', webhooks: { hostWhitelist: [], schemeWhitelist: ['https'] }, authEnv: [],
    });
    expect(envValue(open.Env, 'PACT_BROKER_BASIC_AUTH_USERNAME')).toBeUndefined();
  });

  it('gives the broker the official environment contract', () => {
    expect(Object.fromEntries(broker.Env!.map((entry) => entry.split(/=(.*)/s).slice(0, 2)))).toEqual({
      PACT_BROKER_DATABASE_URL: 'postgres://pactbroker:s3cret-Generated@pactsafs-acme-db:5432/pactbroker',
      PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES: '20',
      PACT_BROKER_PORT: '9292',
      PACT_BROKER_BASE_URLS: 'http://acme.localhost:8080 http://localhost:8080/t/acme',
      PACT_BROKER_LOG_LEVEL: 'info',
      PACT_BROKER_LOG_FORMAT: 'json',
      PACT_DO_NOT_TRACK: 'true',
      PACT_BROKER_WEBHOOK_HOST_WHITELIST: 'ci.example.com 10.0.0.0/8',
      PACT_BROKER_WEBHOOK_SCHEME_WHITELIST: 'https',
      PACT_BROKER_BASIC_AUTH_USERNAME: 'ci',
      PACT_BROKER_BASIC_AUTH_PASSWORD: 'ci-secret',
      PACT_BROKER_ALLOW_PUBLIC_READ: 'true',
      PACT_BROKER_PUBLIC_HEARTBEAT: 'false',
    });
    expect(envValue(db.Env, 'POSTGRES_PASSWORD')).toBe('s3cret-Generated');
    expect(envValue(db.Env, 'PGDATA')).toBe('/var/lib/postgresql/data');
    expect(db.StopSignal).toBe('SIGINT');
  });

  it("passes a tenant's body limit as PACT_BROKER_MAX_BODY_BYTES, and none when the tenant has none (issue 11)", () => {
    const limited = brokerContainerSpec({
      ...settings, baseUrls: [], logLevel: 'info', webhooks: { hostWhitelist: [], schemeWhitelist: ['https'] }, authEnv: [], maxBodyBytes: 1048576,
    });
    expect(envValue(limited.Env, 'PACT_BROKER_MAX_BODY_BYTES')).toBe('1048576');
    expect(envValue(broker.Env, 'PACT_BROKER_MAX_BODY_BYTES')).toBeUndefined();
  });

  it("passes the platform's secrets key as PACT_BROKER_SECRETS_KEY, and none without one (team issue 14)", () => {
    const keyed = brokerContainerSpec({
      ...settings, baseUrls: [], logLevel: 'info', webhooks: { hostWhitelist: [], schemeWhitelist: ['https'] }, authEnv: [], secretsKey: 'a2V5',
    });
    expect(envValue(keyed.Env, 'PACT_BROKER_SECRETS_KEY')).toBe('a2V5');
    expect(envValue(broker.Env, 'PACT_BROKER_SECRETS_KEY')).toBeUndefined();
  });

  it('tells when a created container lacks a wanted environment entry', () => {
    expect(envDiffers(['A=1', 'B=2', 'PATH=/bin'], ['A=1', 'B=2'])).toBe(false);
    expect(envDiffers(['A=1', 'B=2'], ['A=1', 'B=3'])).toBe(true);
    expect(envDiffers(['A=1'], ['A=1', 'C='])).toBe(true);
  });
});
