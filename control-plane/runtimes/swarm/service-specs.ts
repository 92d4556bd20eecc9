import type Dockerode from 'dockerode';
import type { TenantRecord } from '../../tenants/registry.js';
import { basicAuthEnv } from '../../tenants/tenant-auth.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../tenants/webhook-settings.js';
import { brokerContainerSpec, databaseContainerSpec } from '../docker/container-specs.js';
import { BROKER_PORT, dockerNames, LABELS } from '../docker/docker-names.js';
import { settingsLabel } from './tenant-labels.js';

// A swarm tenant's two services (issue 12), built from the same environment as the docker runtime's
// containers. Every service uses endpoint mode dnsrr: Swarm's VIP needs the kernel's IPVS, which
// some hosts (this one) lack, and then VIP connections just time out.

/** What a swarm tenant's services are made of, besides the tenant itself. */
export interface SwarmServiceSettings {
  platformVersion: string;
  /** `PACTSAFS_PLATFORM_ID`, on both services: which platform the tenant belongs to. */
  platformId: string;
  images: { broker: string; postgres: string };
  /** `PACTSAFS_SWARM_CONSTRAINTS`: both services stay on nodes that match. */
  constraints: readonly string[];
  /** The tenant's gateway URLs, given to its broker as PACT_BROKER_BASE_URLS. */
  baseUrls: string[];
  logLevel: string;
}

/** A tenant's database password as a Swarm secret (issue 12), for services whose image reads `_FILE` variables. */
export interface PasswordSecret {
  id: string;
  name: string;
}

/** Where a service finds the password secret: a file of the task's own (under /run/secrets), never in `docker service inspect`. */
const SECRET_FILE_NAME = 'db-password';
const PASSWORD_FILE = `/run/secrets/${SECRET_FILE_NAME}`;

const SECOND_NS = 1_000_000_000;

/** Answers (any HTTP status) from inside the task: node for our image, ruby for the official one. */
const HEARTBEAT_URL = `http://127.0.0.1:${BROKER_PORT}/diagnostic/status/heartbeat`;
const BROKER_HEALTH_CHECK: Dockerode.HealthConfig = {
  Test: [
    'CMD-SHELL',
    `node -e "fetch('${HEARTBEAT_URL}').then(() => process.exit(0), () => process.exit(1))" 2>/dev/null || ` +
      `ruby -rnet/http -e "Net::HTTP.get_response(URI('${HEARTBEAT_URL}'))"`,
  ],
  Interval: 2 * SECOND_NS,
  // Tolerant (issue 12): on a node starved of CPU while it starts a drained node's tasks, a check that
  // starts `node` took over 3 s, three misses marked a healthy broker unhealthy and Swarm killed the
  // replica that was still serving (a two-replica drain then failed requests). A dead broker exits
  // and is restarted by its restart policy; the check only has to catch a hung one, slowly.
  Timeout: 10 * SECOND_NS,
  Retries: 6,
  // Migrations on a first start take a while: failures then do not count.
  StartPeriod: 60 * SECOND_NS,
};

/** The replicas a tenant's broker service should have: none while stopped. */
export function desiredReplicas(tenant: Pick<TenantRecord, 'state' | 'brokerReplicas'>): number {
  return tenant.state === 'stopped' || tenant.state === 'sleeping' ? 0 : (tenant.brokerReplicas ?? 1);
}

/**
 * The database service: one task, pinned to the tenant's node (its volume lives there), on the tenant
 * network only; the password from `secret` (our postgres image and the official one read POSTGRES_PASSWORD_FILE).
 */
export function databaseServiceSpec(tenant: TenantRecord, settings: SwarmServiceSettings, secret?: PasswordSecret): Dockerode.ServiceSpec {
  const container = databaseContainerSpec({
    tenant: tenant.name,
    platformVersion: settings.platformVersion,
    ...password(tenant, secret),
    image: settings.images.postgres,
  });
  const labels = { ...container.Labels, [LABELS.platform]: settings.platformId };
  return {
    Name: dockerNames.container(tenant.name, 'db'),
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: container.Image,
        Env: container.Env,
        // Team issue 13: the docker runtime's postgres arguments (wal_level=minimal: a restore writes no WAL); a
        // service's Args are a container's Cmd (the image's entrypoint runs them).
        Args: container.Cmd,
        StopSignal: container.StopSignal,
        // The volume is made by the node that runs the task, labelled like the docker runtime's.
        Mounts: container.HostConfig?.Mounts?.map((mount) => ({
          ...mount,
          VolumeOptions: { NoCopy: false, Labels: labels, DriverConfig: { Name: 'local', Options: {} } },
        })),
        // Postgres stops in about a second on SIGINT; a checkpoint on a big database may take longer.
        StopGracePeriod: 30 * SECOND_NS,
        ...secretMount(secret),
      },
      RestartPolicy: { Condition: 'any', Delay: SECOND_NS },
      Placement: { Constraints: [`node.id==${requiredField(tenant, 'node')}`, ...settings.constraints] },
      Networks: [{ Target: dockerNames.network(tenant.name), Aliases: ['db'] }],
    },
    Mode: { Replicated: { Replicas: 1 } },
    // Two postgres on one volume must never run: the old task stops before a new one starts.
    UpdateConfig: { Parallelism: 1, Order: 'stop-first' },
    EndpointSpec: { Mode: 'dnsrr' },
  };
}

/**
 * The broker service: the tenant's replicas (0 while stopped), restarted on any exit, upgraded
 * start-first (a new task serves before the old one stops), on the tenant network and the shared
 * gateway network; its labels carry the tenant's desired state. The password from `secret` when
 * its image reads PACT_BROKER_DATABASE_PASSWORD_FILE (ours), in its environment otherwise (the official image).
 */
export function brokerServiceSpec(tenant: TenantRecord, settings: SwarmServiceSettings, secret?: PasswordSecret): Dockerode.ServiceSpec {
  const container = brokerContainerSpec({
    tenant: tenant.name,
    platformVersion: settings.platformVersion,
    ...password(tenant, secret),
    image: tenant.brokerImage ?? settings.images.broker,
    baseUrls: settings.baseUrls,
    logLevel: settings.logLevel,
    webhooks: tenant.webhooks ?? DEFAULT_WEBHOOK_SETTINGS,
    authEnv: basicAuthEnv(tenant.basicAuth),
    maxBodyBytes: tenant.maxBodyBytes,
  });
  return {
    Name: dockerNames.container(tenant.name, 'broker'),
    Labels: {
      ...container.Labels,
      [LABELS.platform]: settings.platformId,
      [LABELS.state]: tenant.state === 'stopped' || tenant.state === 'sleeping' ? tenant.state : 'running',
      [LABELS.createdAt]: tenant.createdAt,
      [LABELS.settings]: settingsLabel(tenant),
      [LABELS.node]: requiredField(tenant, 'node'),
    },
    TaskTemplate: {
      ContainerSpec: { Image: container.Image, Env: container.Env, HealthCheck: BROKER_HEALTH_CHECK, ...secretMount(secret) },
      RestartPolicy: { Condition: 'any', Delay: SECOND_NS },
      Placement: { Constraints: [...settings.constraints] },
      Networks: [{ Target: dockerNames.network(tenant.name) }, { Target: dockerNames.gatewayNetwork }],
    },
    Mode: { Replicated: { Replicas: desiredReplicas(tenant) } },
    UpdateConfig: { Parallelism: 1, Order: 'start-first', FailureAction: 'rollback', Monitor: 5 * SECOND_NS },
    EndpointSpec: { Mode: 'dnsrr' },
  };
}

/** The password settings of a tenant's containers: the secret's file, or the recorded password itself. */
function password(tenant: TenantRecord, secret: PasswordSecret | undefined): { databasePassword: string; passwordFile?: string } {
  return secret ? { databasePassword: '', passwordFile: PASSWORD_FILE } : { databasePassword: requiredField(tenant, 'databasePassword') };
}

/** Mounts the secret as the task's PASSWORD_FILE, readable by the image's own user (postgres, the broker's). */
function secretMount(secret: PasswordSecret | undefined): Pick<Dockerode.ContainerSpec, 'Secrets'> {
  if (!secret) return {};
  return { Secrets: [{ SecretID: secret.id, SecretName: secret.name, File: { Name: SECRET_FILE_NAME, UID: '0', GID: '0', Mode: 0o444 } }] };
}

function requiredField(tenant: TenantRecord, field: 'databasePassword' | 'node'): string {
  const value = tenant[field];
  if (!value) throw new Error(`Swarm tenant "${tenant.name}" has no ${field} recorded.`);
  return value;
}
