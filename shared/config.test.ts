import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, OFFICIAL_BROKER_IMAGE, readPlatformConfig } from './config.js';

describe('readPlatformConfig', () => {
  it('has defaults that run anywhere: embedded tenants on :8080 of both loopbacks, data in ./data', () => {
    expect(readPlatformConfig({}, [])).toEqual({
      role: 'all',
      controlUrl: undefined,
      engineRelayPort: undefined,
      port: 8080,
      hosts: ['127.0.0.1', '::1'],
      domain: 'localhost',
      controlHosts: [],
      publicUrl: undefined,
      dataDir: path.resolve('data'),
      runtime: 'embedded',
      adminToken: undefined,
      images: { broker: OFFICIAL_BROKER_IMAGE, postgres: 'postgres:17' },
      selfContainer: undefined,
      swarm: { host: undefined, constraints: [], nodeSocket: '/var/run/docker.sock', platformImage: 'pactsafs/platform:local', platformId: 'pactsafs' },
      logLevel: 'info',
      idleAfterMs: 0,
      backups: { everyMs: undefined, keep: 7, restoreMaxBytes: 4 * 2 ** 30 },
    });
  });

  it.each([
    [{ PACTSAFS_HOST: '0.0.0.0, ::' }, { hosts: ['0.0.0.0', '::'] }],
    [{ PACTSAFS_DOMAIN: 'Pacts.Example.TEST' }, { domain: 'pacts.example.test' }],
    [{ PACTSAFS_CONTROL_HOSTS: 'Broker.Corp.Test, 10.0.0.5' }, { controlHosts: ['broker.corp.test', '10.0.0.5'] }],
    [{ PACTSAFS_PUBLIC_URL: 'https://pacts.example.com' }, { publicUrl: new URL('https://pacts.example.com') }],
    [{ PACTSAFS_LOG_LEVEL: 'DEBUG' }, { logLevel: 'debug' }],
    [{ PACTSAFS_LOG_LEVEL: 'chatty' }, { logLevel: 'info' }],
    [{ PACTSAFS_BACKUP_EVERY: '30m', PACTSAFS_BACKUP_KEEP: '3' }, { backups: { everyMs: 1_800_000, keep: 3, restoreMaxBytes: 4 * 2 ** 30 } }],
    [{ PACTSAFS_BACKUP_EVERY: '1d', PACTSAFS_RESTORE_MAX_BYTES: '500MB' }, { backups: { everyMs: 86_400_000, keep: 7, restoreMaxBytes: 500_000_000 } }],
    [{ PACTSAFS_IDLE_AFTER: '15m' }, { idleAfterMs: 900_000 }],
    [{ PACTSAFS_IDLE_AFTER: '90s' }, { idleAfterMs: 90_000 }],
    [{ PACTSAFS_IDLE_AFTER: 'off' }, { idleAfterMs: 0 }],
    [{ PACTSAFS_RESTORE_MAX_BYTES: '1048576' }, { backups: { everyMs: undefined, keep: 7, restoreMaxBytes: 1_048_576 } }],
    [
      { PACTSAFS_RUNTIME: 'swarm', PACTSAFS_SWARM_HOST: 'unix:///run/sw1/docker.sock', PACTSAFS_SWARM_CONSTRAINTS: 'node.role==worker, node.labels.pactsafs != off' },
      { runtime: 'swarm', swarm: { host: 'unix:///run/sw1/docker.sock', constraints: ['node.role==worker', 'node.labels.pactsafs != off'], nodeSocket: '/var/run/docker.sock', platformImage: 'pactsafs/platform:local', platformId: 'pactsafs' } },
    ],
    [{ PACTSAFS_ROLE: 'gateway', PACTSAFS_CONTROL_URL: 'http://pactsafs-control:8080' }, { role: 'gateway', controlUrl: new URL('http://pactsafs-control:8080') }],
    [{ PACTSAFS_ROLE: 'control', PACTSAFS_ENGINE_RELAY_PORT: '2375' }, { role: 'control', engineRelayPort: 2375 }],
  ])('reads %j', (env, expected) => {
    expect(readPlatformConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PACTSAFS_PORT: '80a' }, 'PACTSAFS_PORT must be a port number (0-65535), got "80a".'],
    [{ PACTSAFS_ROLE: 'edge' }, 'The role (serve --role or PACTSAFS_ROLE) must be all, gateway or control, got "edge".'],
    [{ PACTSAFS_CONTROL_URL: 'https://control:8080/api' }, 'PACTSAFS_CONTROL_URL must be an http origin like http://pactsafs-control:8080, got "https://control:8080/api".'],
    [{ PACTSAFS_RUNTIME: 'podman' }, 'PACTSAFS_RUNTIME must be embedded, docker, swarm or auto, got "podman".'],
    [{ PACTSAFS_PLATFORM_ID: 'Team A' }, 'PACTSAFS_PLATFORM_ID must be a name of lower-case letters, digits and "-" (up to 63), got "Team A".'],
    [{ PACTSAFS_SWARM_CONSTRAINTS: 'node.role=worker' }, 'PACTSAFS_SWARM_CONSTRAINTS must be comma-separated constraints like node.labels.pactsafs==true, got "node.role=worker".'],
    [{ PACTSAFS_PUBLIC_URL: 'https://pacts.example.com/broker' }, 'PACTSAFS_PUBLIC_URL must be an origin like https://pacts.example.com, got "https://pacts.example.com/broker".'],
    [{ PACTSAFS_BACKUP_EVERY: '6 hours' }, 'PACTSAFS_BACKUP_EVERY must be a duration like 30m, 6h or 1d, got "6 hours".'],
    [{ PACTSAFS_BACKUP_EVERY: '0h' }, /PACTSAFS_BACKUP_EVERY must be a duration/],
    [{ PACTSAFS_IDLE_AFTER: '15 minutes' }, 'PACTSAFS_IDLE_AFTER must be a duration of at least 1s like 15m or 90s, or 0 or off for never, got "15 minutes".'],
    [{ PACTSAFS_BACKUP_KEEP: '0' }, 'PACTSAFS_BACKUP_KEEP must be a whole number of 1 or more, got "0".'],
    [{ PACTSAFS_RESTORE_MAX_BYTES: '4 parsecs' }, 'PACTSAFS_RESTORE_MAX_BYTES must be a size like 500MB or 4GiB, got "4 parsecs".'],
  ])('refuses %j with a sentence', (env, message) => {
    expect(() => readPlatformConfig(env)).toThrow(ConfigError);
    expect(() => readPlatformConfig(env)).toThrow(message);
  });

  it.each([
    [['node', 'main.js', '--role', 'gateway'], {}, 'gateway'],
    [['node', 'bin/pactsafs.js', 'serve', '--role=control'], { PACTSAFS_ROLE: 'gateway' }, 'control'],
    [['node', 'main.js'], { PACTSAFS_ROLE: 'control' }, 'control'],
  ])('takes the role from the command line %j before PACTSAFS_ROLE %j (issue 12)', (argv, env, role) => {
    expect(readPlatformConfig(env, argv).role).toBe(role);
  });
});
