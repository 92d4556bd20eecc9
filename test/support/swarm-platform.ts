import Dockerode from 'dockerode';
import { dockerNames, LABELS } from '../../control-plane/runtimes/docker/docker-names.js';
import { until } from './until.js';

// The platform itself as a service of a swarm (issue 12: sw1, or a lab's manager): on
// pactsafs-gateway (swarm DNS reaches brokers by service name), the manager's engine socket
// mounted, its data in a volume, its port published in host mode on the manager's address, where
// the host drives it.

export const SWARM_NODE_ADDRESS = '10.99.0.11';
const SERVICE = 'pactsafs-e2e-platform';

export interface SwarmPlatform {
  docker: Dockerode;
  /** `http://10.99.0.11:<port>`. */
  base: string;
  /** The platform's running task container on sw1. */
  container(): Promise<Dockerode.Container>;
  /** Kills the platform's container; Swarm starts a new task over the same data volume; resolves once it answers. */
  restart(): Promise<void>;
  /** Removes the platform service and everything of the named tenants (services, networks, volumes, secrets), the gateway network and the data volume. */
  remove(tenants: string[]): Promise<void>;
}

/** The Docker host of `PACTSAFS_TEST_SWARM` (`unix:///run/sw1/docker.sock`) as a dockerode client. */
export function swarmDocker(): Dockerode {
  const host = process.env.PACTSAFS_TEST_SWARM ?? 'unix:///run/sw1/docker.sock';
  return new Dockerode({ socketPath: new URL(host).pathname });
}

export interface SwarmPlatformOptions {
  image: string;
  port: number;
  /** The manager's engine (the platform runs there) and its address on the node network. */
  docker?: Dockerode;
  nodeAddress?: string;
  /** More PACTSAFS_* settings, `NAME=value`. */
  env?: string[];
  /** The platform service's name (its data volume is `<name>-data`) and its PACTSAFS_PLATFORM_ID: the bench runs beside the e2e on sw1. */
  name?: string;
  platformId?: string;
}

/** Starts the platform service from `image` on port `port` of the manager and waits until its health answers. */
export async function startSwarmPlatform(options: SwarmPlatformOptions): Promise<SwarmPlatform> {
  const { image, port, docker = swarmDocker(), nodeAddress = SWARM_NODE_ADDRESS, name: service = SERVICE, platformId = 'e2e-swarm-runtime' } = options;
  const dataVolume = `${service}-data`;
  const base = `http://${nodeAddress}:${port}`;
  const socketPath = (docker.modem as { socketPath?: string }).socketPath ?? '/var/run/docker.sock';
  const networks = await docker.listNetworks({ filters: { name: [dockerNames.gatewayNetwork] } });
  if (!networks.some((network) => network.Name === dockerNames.gatewayNetwork)) {
    await docker.createNetwork({ Name: dockerNames.gatewayNetwork, Driver: 'overlay', Attachable: true, CheckDuplicate: true });
  }
  await docker.createService({
    Name: service,
    TaskTemplate: {
      ContainerSpec: {
        Image: image,
        Env: [
          'PACTSAFS_RUNTIME=swarm',
          `PACTSAFS_PORT=${port}`,
          'PACTSAFS_HOST=0.0.0.0',
          'PACTSAFS_DATA_DIR=/data',
          `PACTSAFS_CONTROL_HOSTS=${nodeAddress}`,
          `PACTSAFS_PUBLIC_URL=${base}`,
          'PACTSAFS_BROKER_IMAGE=pactsafs/broker:local',
          'PACTSAFS_POSTGRES_IMAGE=pactsafs/postgres:15',
          // Each lab engine has a socket of its own under /run/<node>/ (test/setup/swarm-engine.mjs). Swarm expands
          // templates in a service's environment too: this one must reach the platform as written, for its jobs.
          'PACTSAFS_SWARM_NODE_SOCKET=/run/{{"{{"}}.Node.Hostname}}/docker.sock',
          `PACTSAFS_PLATFORM_IMAGE=${image}`,
          // Other suites' platforms may share sw1: each adopts only the tenants of its own id.
          `PACTSAFS_PLATFORM_ID=${platformId}`,
          // Its own container's name (Swarm fills the template in): a relay on its node reaches a tenant's database for a backup.
          'PACTSAFS_SELF_CONTAINER={{.Task.Name}}',
          ...(options.env ?? []),
        ],
        Mounts: [
          { Type: 'bind', Source: socketPath, Target: '/var/run/docker.sock' },
          { Type: 'volume', Source: dataVolume, Target: '/data' },
        ],
      },
      RestartPolicy: { Condition: 'any', Delay: 1_000_000_000 },
      Placement: { Constraints: ['node.role==manager'] },
      Networks: [{ Target: dockerNames.gatewayNetwork }],
    },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: port, PublishedPort: port, PublishMode: 'host' }] },
  });
  const healthy = () => until('the platform service to answer /api/health', () => answers(`${base}/api/health`), 90_000);
  await healthy();

  const container = async () => {
    const [running] = await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${service}`] } });
    if (!running) throw new Error(`no running container of ${service}`);
    return docker.getContainer(running.Id);
  };
  return {
    docker,
    base,
    container,
    async restart() {
      const old = await container();
      await old.kill();
      await until('a new platform task', async () => ((await container().catch(() => old)).id !== old.id ? true : undefined), 60_000);
      await healthy();
    },
    async remove(tenants) {
      await docker.getService(service).remove().catch(() => {});
      for (const tenant of tenants) {
        for (const tenantService of await docker.listServices({ filters: { label: [`${LABELS.tenant}=${tenant}`] } })) {
          await docker.getService(tenantService.ID).remove().catch(() => {});
        }
      }
      const ours = new Set([service, ...tenants.flatMap((tenant) => [dockerNames.container(tenant, 'broker'), dockerNames.container(tenant, 'db')])]);
      await until('task containers of the platform and the tenants to be gone', async () => {
        const left = await docker.listContainers({ all: true, filters: { label: ['com.docker.swarm.service.name'] } });
        return left.some((container) => ours.has(container.Labels['com.docker.swarm.service.name'] ?? '')) ? undefined : true;
      });
      for (const name of [...tenants.map(dockerNames.network), dockerNames.gatewayNetwork]) await docker.getNetwork(name).remove().catch(() => {});
      for (const name of [...tenants.map(dockerNames.volume), dataVolume]) await docker.getVolume(name).remove().catch(() => {});
      // Issue 12: a tenant's database password is a Swarm secret; one left behind makes the next create of that name a 409.
      for (const name of tenants.map(dockerNames.passwordSecret)) await docker.getSecret(name).remove().catch(() => {});
    },
  };
}

/** `true` once `url` answers 200 within a second. */
export async function answers(url: string, headers: Record<string, string> = {}): Promise<true | undefined> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200 ? true : undefined;
  } catch {
    return undefined;
  }
}
