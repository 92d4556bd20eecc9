import type { ContainerSpec } from '../engine/docker-engine.js';
import { BROKER_PORT, dockerNames, LABELS, type ContainerRole } from './docker-names.js';

export interface TenantContainerSettings {
  tenant: string;
  platformVersion: string;
  databasePassword: string;
  /** Issue 12: where the containers read the password instead (a Swarm secret's file); `databasePassword` is then not used. */
  passwordFile?: string;
  image: string;
}

export const DATABASE_USER = 'pactbroker';
export const DATABASE_NAME = 'pactbroker';

function labels(settings: TenantContainerSettings, role: ContainerRole): Record<string, string> {
  return { [LABELS.tenant]: settings.tenant, [LABELS.role]: role, [LABELS.version]: settings.platformVersion };
}

/** The postgres container: on the tenant's network only, no published port, data in the tenant's volume. */
export function databaseContainerSpec(settings: TenantContainerSettings): ContainerSpec {
  const { tenant } = settings;
  return {
    name: dockerNames.container(tenant, 'db'),
    Image: settings.image,
    Labels: labels(settings, 'db'),
    Env: [
      `POSTGRES_USER=${DATABASE_USER}`,
      settings.passwordFile ? `POSTGRES_PASSWORD_FILE=${settings.passwordFile}` : `POSTGRES_PASSWORD=${settings.databasePassword}`,
      `POSTGRES_DB=${DATABASE_NAME}`,
      'PGDATA=/var/lib/postgresql/data',
    ],
    // Team issue 13: a restore loads each table in the transaction that truncated it, so at wal_level=minimal its
    // rows write no WAL (486 MB of WAL for 456 MB of pacts before). Nothing replicates a tenant's database (backups
    // are dumps), so the default level bought nothing. Our image and the official one both take these arguments.
    Cmd: ['postgres', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
    // SIGINT is postgres' "fast shutdown": a stop with clients connected takes 0.1 s, not 10 s and a kill.
    StopSignal: 'SIGINT',
    HostConfig: {
      NetworkMode: dockerNames.network(tenant),
      RestartPolicy: { Name: 'unless-stopped' },
      Mounts: [{ Type: 'volume', Source: dockerNames.volume(tenant), Target: '/var/lib/postgresql/data' }],
    },
    NetworkingConfig: { EndpointsConfig: { [dockerNames.network(tenant)]: { Aliases: ['db'] } } },
  };
}

export interface BrokerContainerSettings extends TenantContainerSettings {
  /** The tenant's gateway URLs: links in the broker's answers must point back through the gateway. */
  baseUrls: string[];
  logLevel: string;
  webhooks: { hostWhitelist: string[]; schemeWhitelist: string[] };
  /** `PACT_BROKER_BASIC_AUTH_*` and friends; empty: the broker is open. */
  authEnv: string[];
  /** `PACT_BROKER_MAX_BODY_BYTES` (issue 11); none: the image's default (ours 16 MiB; the official image has no limit). */
  maxBodyBytes?: number;
  /** `PACT_BROKER_SECRETS_KEY` (team issue 14), base64: our image's webhook secrets; the official image has none and ignores it. */
  secretsKey?: string;
}

/**
 * The broker container, driven by the official image's environment contract (ours honours the same).
 * It publishes no port (issue 12): the gateway reaches it on the gateway network, which the runtime
 * connects it to before it starts (engines before API 1.44 take only one network at creation).
 */
export function brokerContainerSpec(settings: BrokerContainerSettings): ContainerSpec {
  const { tenant } = settings;
  const databaseHost = dockerNames.container(tenant, 'db');
  return {
    name: dockerNames.container(tenant, 'broker'),
    Image: settings.image,
    Labels: labels(settings, 'broker'),
    Env: [
      ...(settings.passwordFile
        ? [`PACT_BROKER_DATABASE_URL=postgres://${DATABASE_USER}@${databaseHost}:5432/${DATABASE_NAME}`, `PACT_BROKER_DATABASE_PASSWORD_FILE=${settings.passwordFile}`]
        : [`PACT_BROKER_DATABASE_URL=postgres://${DATABASE_USER}:${settings.databasePassword}@${databaseHost}:5432/${DATABASE_NAME}`]),
      // Both containers start together: the broker waits for postgres instead of exiting.
      'PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES=20',
      `PACT_BROKER_PORT=${BROKER_PORT}`,
      `PACT_BROKER_BASE_URLS=${settings.baseUrls.join(' ')}`,
      `PACT_BROKER_LOG_LEVEL=${settings.logLevel}`,
      'PACT_BROKER_LOG_FORMAT=json',
      'PACT_DO_NOT_TRACK=true',
      // Webhooks leave from inside the container: the tenant's allow-lists, like an embedded tenant's.
      `PACT_BROKER_WEBHOOK_HOST_WHITELIST=${settings.webhooks.hostWhitelist.join(' ')}`,
      `PACT_BROKER_WEBHOOK_SCHEME_WHITELIST=${settings.webhooks.schemeWhitelist.join(' ')}`,
      ...settings.authEnv,
      // Only when set: containers of tenants created before the setting existed are not recreated for it.
      ...(settings.maxBodyBytes === undefined ? [] : [`PACT_BROKER_MAX_BODY_BYTES=${settings.maxBodyBytes}`]),
      ...(settings.secretsKey === undefined ? [] : [`PACT_BROKER_SECRETS_KEY=${settings.secretsKey}`]),
    ],
    ExposedPorts: { [`${BROKER_PORT}/tcp`]: {} },
    HostConfig: {
      NetworkMode: dockerNames.network(tenant),
      RestartPolicy: { Name: 'unless-stopped' },
    },
  };
}

/** The environment value a created container has for `name`. */
export function envValue(env: readonly string[] | undefined, name: string): string | undefined {
  const entry = env?.find((item) => item.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

/** True when a created container lacks any entry of the wanted environment (so it must be recreated). */
export function envDiffers(current: readonly string[] | undefined, wanted: readonly string[] | undefined): boolean {
  const have = new Set(current);
  return (wanted ?? []).some((entry) => !have.has(entry));
}
