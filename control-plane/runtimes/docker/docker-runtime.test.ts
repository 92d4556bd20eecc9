/** Failure paths of the Docker runtime against the real engine (npm test provides it and our images). */
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger.js';
import { removeTenantObjects } from '../../../test/support/docker-cleanup.js';
import { provided } from '../../../test/support/test-parts.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { dockerodeEngine } from '../engine/dockerode-engine.js';
import { DockerRuntime } from './docker-runtime.js';

const docker = new Dockerode();
const tenant = (name: string): TenantRecord => ({
  name, state: 'creating', runtime: 'docker', createdAt: '', updatedAt: '', lastBackupAt: null, reason: null,
});

function runtimeWith(brokerImage: string, readinessTimeoutMs = 4000): DockerRuntime {
  return new DockerRuntime({
    engine: dockerodeEngine(docker),
    images: { broker: brokerImage, postgres: 'pactsafs/postgres:15' },
    platformVersion: 'test',
    baseUrlsFor: (name) => [`http://${name}.localhost:8080`],
    brokerLogLevel: 'info',
    readinessTimeoutMs,
    logger: silentLogger,
  });
}

describe.runIf(provided('docker'))('DockerRuntime failure paths (real engine)', () => {
  const names = [`rt${randomBytes(3).toString('hex')}`, `rt${randomBytes(3).toString('hex')}`];
  afterAll(() => removeTenantObjects(docker, names));

  it('a broker that never answers fails the create with its last log lines, and leaves nothing behind', { timeout: 150_000 }, async () => {
    // The postgres image as "broker": it exits at once, refusing to start without a password. The wait is
    // also the database's, whose first start takes over 4 s on a loaded machine (issue 12: it failed there).
    const create = runtimeWith('pactsafs/postgres:15', 30_000).create(tenant(names[0]!));
    await expect(create).rejects.toThrow(/did not answer its heartbeat on its address on pactsafs-gateway within 30 s[\s\S]*Its last log lines:\n[\s\S]*POSTGRES_PASSWORD/);
    expect(await docker.listContainers({ all: true, filters: { label: [`pactsafs.tenant=${names[0]}`] } })).toEqual([]);
    expect(await docker.listVolumes({ filters: { label: [`pactsafs.tenant=${names[0]}`] } })).toMatchObject({ Volumes: [] });
    expect(await docker.listNetworks({ filters: { label: [`pactsafs.tenant=${names[0]}`] } })).toEqual([]);
  });

  it('a missing image that cannot be pulled says how to build local images', async () => {
    await expect(runtimeWith('pactsafs/no-such-image:1').create(tenant(names[1]!))).rejects.toThrow(
      /The image pactsafs\/no-such-image:1 is not on this machine and pulling it failed .*npm run images.*PACTSAFS_BROKER_IMAGE=pactsafs\/broker:local/,
    );
    expect(await docker.listContainers({ all: true, filters: { label: [`pactsafs.tenant=${names[1]}`] } })).toEqual([]);
  });
});
