import path from 'node:path';
import { idleDurationMs } from './idle-duration.js';
import { parseLogLevel, type LogLevel } from './logger.js';
import { CleanSettingsError, cleanSettingsFrom, type CleanSettings } from './clean/clean-settings.js';

export type RuntimeKind = 'embedded' | 'docker' | 'swarm';
export type RuntimeChoice = RuntimeKind | 'auto';
/** What one process runs (issue 12): everything, only the gateway, or only the control plane. */
export type PlatformRole = 'all' | 'gateway' | 'control';
export const PLATFORM_ROLES: readonly PlatformRole[] = ['all', 'gateway', 'control'];

/** The platform's configuration. Only this file (and broker-config.ts) reads the environment. */
export interface PlatformConfig {
  /** `serve --role` or `PACTSAFS_ROLE` (issue 12); `all`: the gateway and the control plane in one process. */
  role: PlatformRole;
  /** `PACTSAFS_CONTROL_URL`: where a gateway-only process sends requests for the control host (the control service); none: it refuses them. */
  controlUrl: URL | undefined;
  /** `PACTSAFS_ENGINE_RELAY_PORT`: where a control plane serves gateways the read-only engine relay (broker services, service events); none: not served. */
  engineRelayPort: number | undefined;
  /** The single exposed port. */
  port: number;
  /** Addresses the gateway listens on. */
  hosts: string[];
  /** Tenants are `<tenant>.<domain>`; the control plane answers on `<domain>` and `admin.<domain>`. */
  domain: string;
  /** Host names the control plane answers on besides its own (`PACTSAFS_CONTROL_HOSTS`, comma-separated). */
  controlHosts: string[];
  /** `PACTSAFS_PUBLIC_URL`: the origin clients use when the platform sits behind a proxy; links are built from it. */
  publicUrl: URL | undefined;
  dataDir: string;
  runtime: RuntimeChoice;
  adminToken: string | undefined;
  /** Images of docker tenants: the official broker image or ours (same environment contract), and postgres. */
  images: { broker: string; postgres: string };
  /** Set when the platform itself runs in a container (compose): its container name, to join the gateway network (issue 12). */
  selfContainer: string | undefined;
  /** The swarm runtime (issue 12): its manager engine and where tenants may be placed. */
  swarm: {
    /** `PACTSAFS_SWARM_HOST`: a swarm manager's engine (`unix:///path` or `tcp://host:port`); none: the docker runtime's engine. */
    host: string | undefined;
    /** `PACTSAFS_SWARM_CONSTRAINTS`, comma-separated placement constraints (`node.labels.pactsafs==true`) every tenant service gets. */
    constraints: string[];
    /** `PACTSAFS_SWARM_NODE_SOCKET`: the engine socket on each node (swarm templates allowed), for removing a volume on its node. */
    nodeSocket: string;
    /** `PACTSAFS_PLATFORM_IMAGE`: the platform's own image (on every node, as gateways), which runs one-shot tasks there. */
    platformImage: string;
    /** `PACTSAFS_PLATFORM_ID`: the platform's tenants carry it; a platform adopts and repairs only its own (several may share a swarm). */
    platformId: string;
  };
  logLevel: LogLevel;
  /** `PACTSAFS_IDLE_AFTER` (issue 13): milliseconds without a request before a tenant sleeps; 0 (unset, `0`, `off`): never. */
  idleAfterMs: number;
  /** `PACTSAFS_SECRETS_KEY` (team issue 14): base64 of the 32-byte key of tenants' webhook secrets; unset: `<data dir>/secrets.key`, made on first use. */
  secretsKey: string | undefined;
  backups: {
    /** `PACTSAFS_BACKUP_EVERY`: milliseconds between scheduled backups of every tenant; `undefined`: none. */
    everyMs: number | undefined;
    /** `PACTSAFS_BACKUP_KEEP`: how many scheduled backups to keep per tenant. */
    keep: number;
    /** `PACTSAFS_RESTORE_MAX_BYTES`: the largest archive a restore accepts. */
    restoreMaxBytes: number;
  };
  /** `PACTSAFS_CLEAN_*` (team issue 14): the tenants' scheduled clean, as the official image's `PACT_BROKER_DATABASE_CLEAN_*`; `undefined` unless `PACTSAFS_CLEAN_ENABLED=true`. */
  clean: CleanSettings | undefined;
}

/** The official image, pinned: a tenant's broker must not change version behind its users' backs. */
export const OFFICIAL_BROKER_IMAGE = 'pactfoundation/pact-broker:2.135.0-pactbroker2.120.0';

export class ConfigError extends Error {}

export function readPlatformConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): PlatformConfig {
  return {
    role: parseRole(roleFlag(argv) ?? env.PACTSAFS_ROLE ?? 'all'),
    controlUrl: env.PACTSAFS_CONTROL_URL ? parseControlUrl(env.PACTSAFS_CONTROL_URL) : undefined,
    engineRelayPort: env.PACTSAFS_ENGINE_RELAY_PORT ? parsePort('PACTSAFS_ENGINE_RELAY_PORT', env.PACTSAFS_ENGINE_RELAY_PORT) : undefined,
    port: parsePort('PACTSAFS_PORT', env.PACTSAFS_PORT ?? '8080'),
    hosts: (env.PACTSAFS_HOST ?? '127.0.0.1,::1').split(/[\s,]+/).filter(Boolean),
    domain: (env.PACTSAFS_DOMAIN ?? 'localhost').toLowerCase(),
    controlHosts: (env.PACTSAFS_CONTROL_HOSTS ?? '').split(/[\s,]+/).filter(Boolean).map((host) => host.toLowerCase()),
    publicUrl: env.PACTSAFS_PUBLIC_URL ? parsePublicUrl(env.PACTSAFS_PUBLIC_URL) : undefined,
    dataDir: path.resolve(env.PACTSAFS_DATA_DIR ?? './data'),
    runtime: parseRuntime(env.PACTSAFS_RUNTIME ?? 'embedded'),
    adminToken: env.PACTSAFS_ADMIN_TOKEN || undefined,
    images: {
      broker: env.PACTSAFS_BROKER_IMAGE || OFFICIAL_BROKER_IMAGE,
      postgres: env.PACTSAFS_POSTGRES_IMAGE || 'postgres:17',
    },
    selfContainer: env.PACTSAFS_SELF_CONTAINER || undefined,
    swarm: {
      host: env.PACTSAFS_SWARM_HOST || undefined,
      constraints: parseConstraints(env.PACTSAFS_SWARM_CONSTRAINTS ?? ''),
      nodeSocket: env.PACTSAFS_SWARM_NODE_SOCKET || '/var/run/docker.sock',
      platformImage: env.PACTSAFS_PLATFORM_IMAGE || 'pactsafs/platform:local',
      platformId: parsePlatformId(env.PACTSAFS_PLATFORM_ID ?? 'pactsafs'),
    },
    logLevel: parseLogLevel(env.PACTSAFS_LOG_LEVEL),
    idleAfterMs: parseIdleAfter(env.PACTSAFS_IDLE_AFTER ?? '0'),
    secretsKey: env.PACTSAFS_SECRETS_KEY || undefined,
    backups: {
      everyMs: env.PACTSAFS_BACKUP_EVERY ? parseDuration('PACTSAFS_BACKUP_EVERY', env.PACTSAFS_BACKUP_EVERY) : undefined,
      keep: parseCount('PACTSAFS_BACKUP_KEEP', env.PACTSAFS_BACKUP_KEEP ?? '7'),
      restoreMaxBytes: parseSize('PACTSAFS_RESTORE_MAX_BYTES', env.PACTSAFS_RESTORE_MAX_BYTES ?? '4GiB'),
    },
    clean: platformCleanSettings(env),
  };
}

function platformCleanSettings(env: NodeJS.ProcessEnv): CleanSettings | undefined {
  try {
    return cleanSettingsFrom(env, 'PACTSAFS_CLEAN');
  } catch (error) {
    throw error instanceof CleanSettingsError ? new ConfigError(error.message) : error;
  }
}

const DURATION_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, kb: 1e3, mb: 1e6, gb: 1e9 };

/** `30m`, `6h`, `1d`: a duration in milliseconds. */
export function parseDuration(variable: string, value: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(value.trim().toLowerCase());
  const amount = Number(match?.[1]);
  if (!match || amount <= 0) throw new ConfigError(`${variable} must be a duration like 30m, 6h or 1d, got "${value}".`);
  return amount * DURATION_UNITS_MS[match[2]!]!;
}

function parseIdleAfter(value: string): number {
  const ms = idleDurationMs(value);
  if (ms === undefined) throw new ConfigError(`PACTSAFS_IDLE_AFTER must be a duration of at least 1s like 15m or 90s, or 0 or off for never, got "${value}".`);
  return ms;
}

/** `500MB`, `4GiB`, `1048576`: a size in bytes. */
export function parseSize(variable: string, value: string): number {
  const match = /^(\d+)\s*([a-z]*)$/.exec(value.trim().toLowerCase());
  const unit = SIZE_UNITS[match?.[2] ?? 'none'];
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new ConfigError(`${variable} must be a size like 500MB or 4GiB, got "${value}".`);
  }
  return Number(match[1]) * unit;
}

function parseCount(variable: string, value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`${variable} must be a whole number of 1 or more, got "${value}".`);
  return count;
}

function parsePort(variable: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${variable} must be a port number (0-65535), got "${value}".`);
  }
  return port;
}

function parsePublicUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new ConfigError(`PACTSAFS_PUBLIC_URL must be an origin like https://pacts.example.com, got "${value}".`);
  }
  return url;
}

/** `--role gateway` or `--role=gateway` on the command line (`pactsafs serve`, or `node main.js` in the image) wins over PACTSAFS_ROLE. */
function roleFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--role' || arg.startsWith('--role='));
  if (at === -1) return undefined;
  const arg = argv[at]!;
  return arg === '--role' ? (argv[at + 1] ?? '') : arg.slice('--role='.length);
}

/** A role name; the CLI checks `--role` with it too. */
export function parseRole(value: string): PlatformRole {
  if ((PLATFORM_ROLES as readonly string[]).includes(value)) return value as PlatformRole;
  throw new ConfigError(`The role (serve --role or PACTSAFS_ROLE) must be all, gateway or control, got "${value}".`);
}

function parseControlUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.protocol !== 'http:' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new ConfigError(`PACTSAFS_CONTROL_URL must be an http origin like http://pactsafs-control:8080, got "${value}".`);
  }
  return url;
}

function parseRuntime(value: string): RuntimeChoice {
  if (value === 'embedded' || value === 'docker' || value === 'swarm' || value === 'auto') return value;
  throw new ConfigError(`PACTSAFS_RUNTIME must be embedded, docker, swarm or auto, got "${value}".`);
}

/** A platform id goes into label values and filters: a short name. */
function parsePlatformId(value: string): string {
  if (/^[a-z0-9][a-z0-9-]{0,62}$/.test(value)) return value;
  throw new ConfigError(`PACTSAFS_PLATFORM_ID must be a name of lower-case letters, digits and "-" (up to 63), got "${value}".`);
}

/** Swarm placement constraints as `docker service create --constraint` takes them: `<attribute> == <value>` or `!=`. */
function parseConstraints(value: string): string[] {
  const constraints = value.split(',').map((item) => item.trim()).filter(Boolean);
  const bad = constraints.find((item) => !/^[\w.-]+\s*(==|!=)\s*\S+$/.test(item));
  if (bad !== undefined) {
    throw new ConfigError(`PACTSAFS_SWARM_CONSTRAINTS must be comma-separated constraints like node.labels.pactsafs==true, got "${bad}".`);
  }
  return constraints;
}
