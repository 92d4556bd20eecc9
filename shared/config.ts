import path from 'node:path';

export type RuntimeKind = 'embedded' | 'docker';
export type RuntimeChoice = RuntimeKind | 'auto';

/** The platform's configuration. Only this file (and broker-config.ts) reads the environment. */
export interface PlatformConfig {
  /** The single exposed port. */
  port: number;
  /** Addresses the gateway listens on. */
  hosts: string[];
  /** Tenants are `<tenant>.<domain>`; the control plane answers on `<domain>` and `admin.<domain>`. */
  domain: string;
  dataDir: string;
  runtime: RuntimeChoice;
  internalPorts: { first: number; last: number };
  adminToken: string | undefined;
  /** Images of docker tenants: the official broker image or ours (same environment contract), and postgres. */
  images: { broker: string; postgres: string };
  /** Set when the platform itself runs in a container (compose): its container name, to join tenant networks. */
  selfContainer: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** The official image, pinned: a tenant's broker must not change version behind its users' backs. */
export const OFFICIAL_BROKER_IMAGE = 'pactfoundation/pact-broker:2.135.0-pactbroker2.120.0';

export class ConfigError extends Error {}

export function readPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return {
    port: parsePort('PACTSAFS_PORT', env.PACTSAFS_PORT ?? '8080'),
    hosts: (env.PACTSAFS_HOST ?? '127.0.0.1,::1').split(/[\s,]+/).filter(Boolean),
    domain: (env.PACTSAFS_DOMAIN ?? 'localhost').toLowerCase(),
    dataDir: path.resolve(env.PACTSAFS_DATA_DIR ?? './data'),
    runtime: parseRuntime(env.PACTSAFS_RUNTIME ?? 'embedded'),
    internalPorts: parsePortRange(env.PACTSAFS_INTERNAL_PORTS ?? '20000-29999'),
    adminToken: env.PACTSAFS_ADMIN_TOKEN || undefined,
    images: {
      broker: env.PACTSAFS_BROKER_IMAGE || OFFICIAL_BROKER_IMAGE,
      postgres: env.PACTSAFS_POSTGRES_IMAGE || 'postgres:17',
    },
    selfContainer: env.PACTSAFS_SELF_CONTAINER || undefined,
    logLevel: parseLogLevel(env.PACTSAFS_LOG_LEVEL),
  };
}

function parsePort(variable: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${variable} must be a port number (0-65535), got "${value}".`);
  }
  return port;
}

function parseRuntime(value: string): RuntimeChoice {
  if (value === 'embedded' || value === 'docker' || value === 'auto') return value;
  throw new ConfigError(`PACTSAFS_RUNTIME must be embedded, docker or auto, got "${value}".`);
}

function parsePortRange(value: string): { first: number; last: number } {
  const match = /^(\d+)-(\d+)$/.exec(value.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first < 1024 || last > 65535 || first > last) {
    throw new ConfigError(`PACTSAFS_INTERNAL_PORTS must be a range like 20000-29999 within 1024-65535, got "${value}".`);
  }
  return { first, last };
}

function parseLogLevel(value: string | undefined): PlatformConfig['logLevel'] {
  const level = (value ?? 'info').toLowerCase();
  return level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
}
