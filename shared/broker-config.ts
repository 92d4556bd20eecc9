import { readFileSync } from 'node:fs';
import { parseSecretsKey } from './secrets-key.js';
import { parseLogLevel, type LogLevel } from './logger.js';
import { cleanSettingsFrom, type CleanSettings } from './clean/clean-settings.js';

/** The largest request body a broker reads (issue 11): 16 MiB unless `PACT_BROKER_MAX_BODY_BYTES` or the tenant says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The standalone broker's configuration: the official image's `PACT_BROKER_*` environment contract. */
export interface BrokerConfig {
  port: number;
  databaseUrl: string;
  /** PostgreSQL connection pool size (`PACT_BROKER_DATABASE_MAX_CONNECTIONS`). */
  databaseMaxConnections: number;
  /** How often to retry, 3 s apart, while the database does not accept connections yet (`PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES`). */
  databaseConnectMaxRetries: number;
  /** Base URLs for links; when empty, links are built from the request and its forwarded headers. */
  baseUrls: string[];
  logLevel: LogLevel;
  /** `PACT_BROKER_WEBHOOK_HOST_WHITELIST`, space-separated: host names, `*.domain`, IPs or CIDR ranges. */
  webhookHostWhitelist: string[];
  /** `PACT_BROKER_WEBHOOK_SCHEME_WHITELIST`, space-separated; default `https`. */
  webhookSchemeWhitelist: string[];
  /** On when `PACT_BROKER_BASIC_AUTH_ENABLED=true` or the read/write user's name and password are set. */
  basicAuth?: BasicAuthSettings;
  /** Larger request bodies are refused with 413 (`PACT_BROKER_MAX_BODY_BYTES`). */
  maxBodyBytes: number;
  /** The key of webhook secrets (team issue 14: `PACT_BROKER_SECRETS_KEY` or `_FILE`, base64 of 32 bytes); none: no secrets. */
  secretsKey: Buffer | undefined;
  /** The scheduled clean (team issue 14: `PACT_BROKER_DATABASE_CLEAN_*`), when `PACT_BROKER_DATABASE_CLEAN_ENABLED=true`. */
  databaseClean?: CleanSettings;
  /** A tag named as an environment records a deployment there (`PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS`, default true as the Ruby broker's). */
  createDeployedVersionsForTags: boolean;
  /** Changed content may be published for a consumer version that has a pact already (`PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION`, default false as the Ruby broker's). */
  allowDangerousContractModification: boolean;
}

/**
 * The Ruby broker's basic auth (`PACT_BROKER_BASIC_AUTH_*`): a read/write user, an optional
 * read-only user, and what may be read without either.
 */
export interface BasicAuthSettings {
  /** The read/write user; with either part blank nobody has write access. */
  username: string;
  password: string;
  /** The read-only user: reads, and the provider's pacts-for-verification query. */
  readOnlyUsername?: string;
  readOnlyPassword?: string;
  /** Reads (and the pacts-for-verification query) need no credentials (`PACT_BROKER_ALLOW_PUBLIC_READ`). */
  allowPublicRead: boolean;
  /** The heartbeat needs no credentials (`PACT_BROKER_PUBLIC_HEARTBEAT`). */
  publicHeartbeat: boolean;
  /** Badges need no credentials, so that READMEs can show them (`PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS`). */
  publicBadges: boolean;
}

/** The broker's configuration from `env`; `readFile` reads what a `*_FILE` variable names (a Swarm secret, say). */
export function readBrokerConfig(env: NodeJS.ProcessEnv = process.env, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): BrokerConfig {
  env = withFileVariables(env, readFile);
  const baseUrls = (env.PACT_BROKER_BASE_URLS ?? env.PACT_BROKER_BASE_URL ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((url) => url.replace(/\/+$/, ''));
  return {
    port: parsePort(env.PACT_BROKER_PORT ?? '9292'),
    databaseUrl: urlWithPasswordFile(env) || databaseUrlFromParts(env) || 'sqlite:///tmp/pact_broker.sqlite',
    databaseMaxConnections: parseCount('PACT_BROKER_DATABASE_MAX_CONNECTIONS', env.PACT_BROKER_DATABASE_MAX_CONNECTIONS ?? '4', 1),
    databaseConnectMaxRetries: parseCount('PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES', env.PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES ?? '0', 0),
    baseUrls,
    logLevel: parseLogLevel(env.PACT_BROKER_LOG_LEVEL),
    webhookHostWhitelist: spaceSeparated(env.PACT_BROKER_WEBHOOK_HOST_WHITELIST ?? ''),
    webhookSchemeWhitelist: spaceSeparated(env.PACT_BROKER_WEBHOOK_SCHEME_WHITELIST ?? 'https'),
    basicAuth: basicAuthFrom(env),
    maxBodyBytes: parseCount('PACT_BROKER_MAX_BODY_BYTES', env.PACT_BROKER_MAX_BODY_BYTES || String(DEFAULT_MAX_BODY_BYTES), 1),
    secretsKey: env.PACT_BROKER_SECRETS_KEY ? parseSecretsKey(env.PACT_BROKER_SECRETS_KEY, 'PACT_BROKER_SECRETS_KEY') : undefined,
    databaseClean: cleanSettingsFrom(env, 'PACT_BROKER_DATABASE_CLEAN'),
    createDeployedVersionsForTags: parseFlag('PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS', env.PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS, true),
    allowDangerousContractModification: parseFlag('PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION', env.PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION, false),
  };
}

/** Variables whose value may instead be in a file named by `<name>_FILE`, as the postgres image's `POSTGRES_PASSWORD_FILE` (issue 12: Swarm secrets). */
const FILE_VARIABLES = ['PACT_BROKER_DATABASE_URL', 'PACT_BROKER_DATABASE_PASSWORD', 'PACT_BROKER_SECRETS_KEY'] as const;

/** `env` with the values of `*_FILE` variables read in (one trailing newline dropped); a variable set both ways is refused. */
function withFileVariables(env: NodeJS.ProcessEnv, readFile: (path: string) => string): NodeJS.ProcessEnv {
  const resolved = { ...env };
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new Error(`${name} and ${name}_FILE are both set; set one of them.`);
    try {
      resolved[name] = readFile(file).replace(/\r?\n$/, '');
    } catch (error) {
      throw new Error(`${name}_FILE names ${file}, which cannot be read (${(error as Error).message}).`);
    }
  }
  return resolved;
}

/** `PACT_BROKER_DATABASE_URL`; a URL without a password takes the one of `PACT_BROKER_DATABASE_PASSWORD_FILE` (the URL stays in the environment, the password in a secret). */
function urlWithPasswordFile(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.PACT_BROKER_DATABASE_URL;
  const password = env.PACT_BROKER_DATABASE_PASSWORD;
  if (!url || !env.PACT_BROKER_DATABASE_PASSWORD_FILE || !password) return url;
  const parsed = new URL(url);
  if (parsed.password) throw new Error('PACT_BROKER_DATABASE_URL has a password, and PACT_BROKER_DATABASE_PASSWORD_FILE names another; set one of them.');
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The official image's basic-auth variables; badges stay public unless `PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS=false`. */
function basicAuthFrom(env: NodeJS.ProcessEnv): BasicAuthSettings | undefined {
  const username = env.PACT_BROKER_BASIC_AUTH_USERNAME ?? '';
  const password = env.PACT_BROKER_BASIC_AUTH_PASSWORD ?? '';
  const enabled = parseFlag('PACT_BROKER_BASIC_AUTH_ENABLED', env.PACT_BROKER_BASIC_AUTH_ENABLED, false) || (username.trim() !== '' && password.trim() !== '');
  if (!enabled) return undefined;
  return {
    username,
    password,
    readOnlyUsername: env.PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME,
    readOnlyPassword: env.PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD,
    allowPublicRead: parseFlag('PACT_BROKER_ALLOW_PUBLIC_READ', env.PACT_BROKER_ALLOW_PUBLIC_READ, false),
    publicHeartbeat: parseFlag('PACT_BROKER_PUBLIC_HEARTBEAT', env.PACT_BROKER_PUBLIC_HEARTBEAT, false),
    publicBadges: parseFlag('PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS', env.PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS, true),
  };
}

function parseFlag(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const flag = value.trim().toLowerCase();
  if (flag === 'true') return true;
  if (flag === 'false') return false;
  throw new Error(`${variable} must be true or false, got "${value}".`);
}

/**
 * The URL the official image builds from `PACT_BROKER_DATABASE_ADAPTER` (default postgres), `_USERNAME`,
 * `_PASSWORD`, `_HOST`, `_PORT`, `_NAME` and `_SSLMODE`; undefined when none of adapter, host and name is set.
 */
function databaseUrlFromParts(env: NodeJS.ProcessEnv): string | undefined {
  const adapter = env.PACT_BROKER_DATABASE_ADAPTER || 'postgres';
  const name = env.PACT_BROKER_DATABASE_NAME ?? '';
  if (!env.PACT_BROKER_DATABASE_ADAPTER && !env.PACT_BROKER_DATABASE_HOST && !name) return undefined;
  // For SQLite the name is the database file's path.
  if (adapter === 'sqlite') return `sqlite://${name}`;
  if (adapter !== 'postgres' && adapter !== 'postgresql') {
    throw new Error(`PACT_BROKER_DATABASE_ADAPTER must be postgres or sqlite, got "${adapter}".`);
  }
  const user = env.PACT_BROKER_DATABASE_USERNAME;
  const password = env.PACT_BROKER_DATABASE_PASSWORD;
  const credentials = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const port = env.PACT_BROKER_DATABASE_PORT ? `:${parsePort(env.PACT_BROKER_DATABASE_PORT, 'PACT_BROKER_DATABASE_PORT')}` : '';
  const sslMode = env.PACT_BROKER_DATABASE_SSLMODE ? `?sslmode=${encodeURIComponent(env.PACT_BROKER_DATABASE_SSLMODE)}` : '';
  return `postgres://${credentials}${env.PACT_BROKER_DATABASE_HOST || 'localhost'}${port}/${encodeURIComponent(name)}${sslMode}`;
}

function parsePort(value: string, variable = 'PACT_BROKER_PORT'): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number (1-65535), got "${value}".`);
  }
  return port;
}

function parseCount(variable: string, value: string, minimum: number): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < minimum) {
    throw new Error(`${variable} must be a whole number of at least ${minimum}, got "${value}".`);
  }
  return count;
}

function spaceSeparated(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}
