import { describe, expect, it } from 'vitest';
import type { TenantRecord } from '../../tenants/registry.js';
import type { EngineService } from '../engine/docker-engine.js';
import { brokerServiceSpec, databaseServiceSpec, desiredReplicas } from './service-specs.js';
import { tenantFromBrokerService } from './tenant-labels.js';

// The swarm runtime's service specs (issue 12): pure builders, checked field by field.

const tenant: TenantRecord = {
  name: 'acme',
  state: 'running',
  runtime: 'swarm',
  createdAt: '2026-12-06T07:00:00.000Z',
  updatedAt: '2026-12-06T07:00:00.000Z',
  lastBackupAt: null,
  reason: null,
  databasePassword: 'generated-Secret_1',
  node: 'node-abc',
  brokerReplicas: 2,
  webhooks: { hostWhitelist: ['ci.example.com'], schemeWhitelist: ['https'] },
  maxBodyBytes: 1_048_576,
  basicAuth: { username: 'ci', password: 'ci-password', allowPublicRead: true, publicHeartbeat: false, publicBadges: true },
};
const settings = {
  platformVersion: '0.4.0',
  platformId: 'team-a',
  images: { broker: 'pactsafs/broker:local', postgres: 'pactsafs/postgres:15' },
  constraints: ['node.labels.pactsafs==true'],
  baseUrls: ['http://acme.localhost:8080', 'http://localhost:8080/t/acme'],
  logLevel: 'info',
};

describe('swarm service specs', () => {
  const broker = brokerServiceSpec(tenant, settings);
  const db = databaseServiceSpec(tenant, settings);

  it('names and labels follow the contract; the broker carries the desired state', () => {
    expect(broker.Name).toBe('pactsafs-acme-broker');
    expect(db.Name).toBe('pactsafs-acme-db');
    expect(db.Labels).toEqual({ 'pactsafs.tenant': 'acme', 'pactsafs.role': 'db', 'pactsafs.version': '0.4.0', 'pactsafs.platform': 'team-a' });
    expect(broker.Labels).toEqual({
      'pactsafs.tenant': 'acme',
      'pactsafs.role': 'broker',
      'pactsafs.version': '0.4.0',
      'pactsafs.platform': 'team-a',
      'pactsafs.state': 'running',
      'pactsafs.created-at': '2026-12-06T07:00:00.000Z',
      'pactsafs.node': 'node-abc',
      'pactsafs.settings': JSON.stringify({ brokerReplicas: 2, webhooks: tenant.webhooks, maxBodyBytes: 1_048_576 }),
    });
  });

  it('no secret in any label', () => {
    const labels = JSON.stringify([broker.Labels, db.Labels]);
    expect(labels).not.toContain('ci-password');
    expect(labels).not.toContain('generated-Secret_1');
  });

  it('dnsrr everywhere (no IPVS needed)', () => {
    expect(broker.EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(db.EndpointSpec).toEqual({ Mode: 'dnsrr' });
  });

  it('the db is pinned to its node, besides the configured constraints; the broker only gets the constraints', () => {
    expect(db.TaskTemplate?.Placement?.Constraints).toEqual(['node.id==node-abc', 'node.labels.pactsafs==true']);
    expect(broker.TaskTemplate?.Placement?.Constraints).toEqual(['node.labels.pactsafs==true']);
  });

  it('networks: the db on its tenant network only; the broker also on pactsafs-gateway', () => {
    expect(db.TaskTemplate?.Networks).toEqual([{ Target: 'pactsafs-acme', Aliases: ['db'] }]);
    expect(broker.TaskTemplate?.Networks).toEqual([{ Target: 'pactsafs-acme' }, { Target: 'pactsafs-gateway' }]);
  });

  it('replicas, restart and update: broker start-first from the setting, db one task stop-first', () => {
    expect(broker.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(db.Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(broker.TaskTemplate?.RestartPolicy?.Condition).toBe('any');
    expect(db.TaskTemplate?.RestartPolicy?.Condition).toBe('any');
    expect(broker.UpdateConfig).toMatchObject({ Order: 'start-first', Parallelism: 1, FailureAction: 'rollback' });
    expect(db.UpdateConfig).toMatchObject({ Order: 'stop-first' });
  });

  it('the db keeps its data in the tenant volume; the broker reaches it by service name', () => {
    const dbContainer = db.TaskTemplate && 'ContainerSpec' in db.TaskTemplate ? db.TaskTemplate.ContainerSpec : undefined;
    const brokerContainer = broker.TaskTemplate && 'ContainerSpec' in broker.TaskTemplate ? broker.TaskTemplate.ContainerSpec : undefined;
    expect(dbContainer?.Mounts).toMatchObject([{ Type: 'volume', Source: 'pactsafs-acme-pgdata', Target: '/var/lib/postgresql/data' }]);
    expect(dbContainer?.Image).toBe('pactsafs/postgres:15');
    expect(dbContainer?.StopSignal).toBe('SIGINT');
    // Team issue 13: the docker runtime's postgres arguments, which the spec once left out (only Env was copied).
    expect(dbContainer?.Args).toEqual(['postgres', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0']);
    expect(brokerContainer?.Image).toBe('pactsafs/broker:local');
    expect(brokerContainer?.Env).toContain('PACT_BROKER_DATABASE_URL=postgres://pactbroker:generated-Secret_1@pactsafs-acme-db:5432/pactbroker');
    expect(brokerContainer?.Env).toContain('PACT_BROKER_BASE_URLS=http://acme.localhost:8080 http://localhost:8080/t/acme');
    expect(brokerContainer?.HealthCheck?.Test?.[0]).toBe('CMD-SHELL');
  });

  it('a sleeping tenant has no broker replicas and says so in its label (issue 13)', () => {
    const sleeping = brokerServiceSpec({ ...tenant, state: 'sleeping' }, settings);
    expect(sleeping.Mode).toEqual({ Replicated: { Replicas: 0 } });
    expect(sleeping.Labels?.['pactsafs.state']).toBe('sleeping');
    expect(desiredReplicas({ state: 'sleeping', brokerReplicas: 3 })).toBe(0);
  });

  it('a stopped tenant has no broker replicas and says so in its label; an upgraded one runs its own image', () => {
    const stopped = brokerServiceSpec({ ...tenant, state: 'stopped', brokerImage: 'pactsafs/broker:next' }, settings);
    expect(stopped.Mode).toEqual({ Replicated: { Replicas: 0 } });
    expect(stopped.Labels?.['pactsafs.state']).toBe('stopped');
    expect(stopped.TaskTemplate && 'ContainerSpec' in stopped.TaskTemplate && stopped.TaskTemplate.ContainerSpec?.Image).toBe('pactsafs/broker:next');
    expect(desiredReplicas({ state: 'running' })).toBe(1);
  });

  it('the registry record is rebuilt from the broker service alone (labels and environment)', () => {
    const container = broker.TaskTemplate && 'ContainerSpec' in broker.TaskTemplate ? broker.TaskTemplate.ContainerSpec : undefined;
    const service: EngineService = {
      id: 'x', name: 'pactsafs-acme-broker', version: 3, labels: broker.Labels ?? {}, image: 'pactsafs/broker:local', replicas: 2, env: container?.Env ?? [], update: undefined, spec: broker,
    };
    expect(tenantFromBrokerService(service)).toEqual({ ...tenant, brokerImage: 'pactsafs/broker:local', basicAuth: { ...tenant.basicAuth, readOnlyUsername: undefined, readOnlyPassword: undefined } });
    // Issue 13: a sleeping tenant is rebuilt sleeping; a label of no known state is reported.
    expect(tenantFromBrokerService({ ...service, labels: { ...service.labels, 'pactsafs.state': 'sleeping' } })).toMatchObject({ state: 'sleeping' });
    expect(tenantFromBrokerService({ ...service, labels: { ...service.labels, 'pactsafs.state': 'dozing' } })).toMatchObject({ problem: expect.stringContaining('lacks the labels') });
  });

  describe('the password as a Swarm secret (images that read _FILE variables)', () => {
    const secret = { id: 'secret-id', name: 'pactsafs-acme-db-password' };
    const withSecret = { broker: brokerServiceSpec(tenant, settings, secret), db: databaseServiceSpec(tenant, settings, secret) };
    const containerOf = (spec: typeof broker) => (spec.TaskTemplate && 'ContainerSpec' in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec : undefined);
    const mount = [{ SecretID: 'secret-id', SecretName: 'pactsafs-acme-db-password', File: { Name: 'db-password', UID: '0', GID: '0', Mode: 0o444 } }];

    it('mounts the secret in both services and names its file; the password is nowhere in the specs', () => {
      expect(containerOf(withSecret.db)?.Secrets).toEqual(mount);
      expect(containerOf(withSecret.broker)?.Secrets).toEqual(mount);
      expect(containerOf(withSecret.db)?.Env).toContain('POSTGRES_PASSWORD_FILE=/run/secrets/db-password');
      expect(containerOf(withSecret.broker)?.Env).toEqual(
        expect.arrayContaining(['PACT_BROKER_DATABASE_URL=postgres://pactbroker@pactsafs-acme-db:5432/pactbroker', 'PACT_BROKER_DATABASE_PASSWORD_FILE=/run/secrets/db-password']),
      );
      expect(JSON.stringify(withSecret)).not.toContain('generated-Secret_1');
      // Without a secret (the official image reads no _FILE variable) the password is in the environment, as before.
      expect(containerOf(broker)?.Secrets).toBeUndefined();
    });

    it('a record rebuilt from such a broker service has no password (Swarm never gives a secret back)', () => {
      const service: EngineService = {
        id: 'x', name: 'pactsafs-acme-broker', version: 3, labels: withSecret.broker.Labels ?? {}, image: 'pactsafs/broker:local', replicas: 2, env: containerOf(withSecret.broker)?.Env ?? [], update: undefined, spec: withSecret.broker,
      };
      const rebuilt = tenantFromBrokerService(service);
      expect(rebuilt).toMatchObject({ name: 'acme', state: 'running', node: 'node-abc' });
      expect(rebuilt).not.toHaveProperty('databasePassword');
    });
  });

  it('a broker service without the desired-state labels is reported, not guessed at', () => {
    const service: EngineService = { id: 'x', name: 'pactsafs-old-broker', version: 1, labels: { 'pactsafs.tenant': 'old' }, image: 'i', replicas: 1, env: [], update: undefined, spec: {} };
    expect(tenantFromBrokerService(service)).toEqual({ problem: expect.stringContaining('service pactsafs-old-broker lacks the labels') });
  });
});
