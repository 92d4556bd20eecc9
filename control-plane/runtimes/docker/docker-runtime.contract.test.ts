/** The runtime contract (issue 12) over docker tenants on the main engine, with our images. */
import Dockerode from 'dockerode';
import { describe } from 'vitest';
import { silentLogger } from '../../../shared/logger.js';
import { removeTenantObjects } from '../../../test/support/docker-cleanup.js';
import { provided } from '../../../test/support/test-parts.js';
import { runtimeContract } from '../runtime-contract.case.js';
import { dockerodeEngine } from '../engine/dockerode-engine.js';
import { DockerRuntime } from './docker-runtime.js';
import { dockerNames } from './docker-names.js';

describe.runIf(provided('docker'))('docker runtime', () => {
  const docker = new Dockerode();
  runtimeContract('docker', async () => ({
    open: (baseUrlsFor) =>
      new DockerRuntime({
        engine: dockerodeEngine(docker),
        images: { broker: 'pactsafs/broker:local', postgres: 'pactsafs/postgres:15' },
        platformVersion: 'test',
        baseUrlsFor,
        brokerLogLevel: 'info',
        logger: silentLogger,
      }),
    servingIds: async (name) => {
      const containers = await Promise.all((['broker', 'db'] as const).map((role) => docker.getContainer(dockerNames.container(name, role)).inspect()));
      return containers.map((container) => `${container.Id} ${container.State.StartedAt}`);
    },
    loseBroker: (name) => docker.getContainer(dockerNames.container(name, 'broker')).remove({ force: true }),
    loseDatabase: (name) => docker.getContainer(dockerNames.container(name, 'db')).remove({ force: true }),
    cleanup: (names) => removeTenantObjects(docker, names),
  }));
});
