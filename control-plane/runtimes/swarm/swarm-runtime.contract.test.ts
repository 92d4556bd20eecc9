/**
 * The runtime contract (issue 12) over swarm tenants on the engine sw1. The swarm runtime reaches
 * brokers and databases by service name on Swarm's overlays, which only a task's or container's
 * own network namespace resolves; so on the host this file starts a container of the platform
 * image on sw1, on `pactsafs-gateway`, with this tree mounted, that runs this same file with
 * PACTSAFS_TEST_CONTRACT_CONTAINER set — and there the cases run, as the platform itself would.
 */
import Dockerode from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger.js';
import { repoRoot } from '../../../test/support/platform-process.js';
import { swarmDocker } from '../../../test/support/swarm-platform.js';
import { provided } from '../../../test/support/test-parts.js';
import { until } from '../../../test/support/until.js';
import { dockerNames, LABELS } from '../docker/docker-names.js';
import { dockerodeEngine } from '../engine/dockerode-engine.js';
import { runtimeContract } from '../runtime-contract.case.js';
import { SwarmRuntime } from './swarm-runtime.js';

/** The runner container's name when this file runs inside the swarm. */
const INSIDE = process.env.PACTSAFS_TEST_CONTRACT_CONTAINER;
const PLATFORM_ID = 'runtime-contract';
const PLATFORM_IMAGE = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const THIS_FILE = 'control-plane/runtimes/swarm/swarm-runtime.contract.test.ts';

if (INSIDE) {
  // The engine is sw1's, mounted as /var/run/docker.sock.
  const docker = new Dockerode();
  runtimeContract('swarm', async () => ({
    open: (baseUrlsFor) =>
      new SwarmRuntime({
        engine: dockerodeEngine(docker),
        images: { broker: 'pactsafs/broker:local', postgres: 'pactsafs/postgres:15' },
        platformVersion: 'test',
        platformId: PLATFORM_ID,
        constraints: [],
        logLevel: 'info',
        baseUrlsFor,
        nodeSocket: '/run/{{.Node.Hostname}}/docker.sock',
        platformImage: PLATFORM_IMAGE,
        selfContainer: INSIDE,
        logger: silentLogger,
      }),
    servingIds: async (name) => {
      const services = (['broker', 'db'] as const).map((role) => dockerNames.container(name, role));
      const tasks = (await docker.listTasks({ filters: { service: services, 'desired-state': ['running'] } })) as { ID: string }[];
      return tasks.map((task) => task.ID).sort();
    },
    loseBroker: (name) => docker.getService(dockerNames.container(name, 'broker')).remove(),
    loseDatabase: (name) => docker.getService(dockerNames.container(name, 'db')).remove(),
    cleanup: () => removeContractObjects(docker),
  }));
} else {
  describe.runIf(provided('swarm'))('swarm runtime', () => {
    const docker = swarmDocker();
    const runner = `pactsafs-runtime-contract-${process.pid}`;
    afterAll(async () => {
      await docker.getContainer(runner).remove({ force: true }).catch(() => {});
      await removeContractObjects(docker);
    }, 180_000);

    it('passes the runtime contract inside the swarm (a container on pactsafs-gateway runs the cases)', async () => {
      await ensureGatewayNetwork(docker);
      const socket = new URL(process.env.PACTSAFS_TEST_SWARM ?? 'unix:///run/sw1/docker.sock').pathname;
      const container = await docker.createContainer({
        name: runner,
        Image: PLATFORM_IMAGE,
        WorkingDir: repoRoot,
        Cmd: ['node', 'node_modules/vitest/vitest.mjs', 'run', '--reporter=verbose', THIS_FILE],
        Env: [`PACTSAFS_TEST_CONTRACT_CONTAINER=${runner}`, 'NODE_ENV=test', 'HOME=/tmp', 'NO_COLOR=1'],
        // One plain text stream for the log, not stdout and stderr multiplexed.
        Tty: true,
        HostConfig: { Binds: [`${repoRoot}:${repoRoot}`, `${socket}:/var/run/docker.sock`] },
        NetworkingConfig: { EndpointsConfig: { [dockerNames.gatewayNetwork]: {} } },
      });
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const output = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
      console.log(output);
      expect(StatusCode, output.slice(-4000)).toBe(0);
    }, 900_000);
  });
}

/** The overlay the runner joins; other suites on sw1 may have made it already. */
async function ensureGatewayNetwork(docker: Dockerode): Promise<void> {
  const networks = await docker.listNetworks({ filters: { name: [dockerNames.gatewayNetwork] } });
  if (networks.some((network) => network.Name === dockerNames.gatewayNetwork)) return;
  await docker.createNetwork({ Name: dockerNames.gatewayNetwork, Driver: 'overlay', Attachable: true, CheckDuplicate: true });
}

/** Every service, network, volume and secret of this suite's platform id (also after a run that died half-way). */
async function removeContractObjects(docker: Dockerode): Promise<void> {
  const filters = { label: [`${LABELS.platform}=${PLATFORM_ID}`] };
  for (const service of await docker.listServices({ filters })) await docker.getService(service.ID).remove().catch(() => {});
  // A network goes once its tasks' endpoints are gone.
  await until('the contract tenants\' networks to be removed', async () => {
    const networks = await docker.listNetworks({ filters });
    await Promise.all(networks.map((network) => docker.getNetwork(network.Id).remove().catch(() => {})));
    return networks.length === 0 ? true : undefined;
  }, 120_000);
  const { Volumes } = await docker.listVolumes({ filters });
  for (const volume of Volumes ?? []) await docker.getVolume(volume.Name).remove().catch(() => {});
  for (const secret of await docker.listSecrets({ filters })) await docker.getSecret(secret.ID).remove().catch(() => {});
}
