import type { BasicAuthSettings } from '../../shared/broker-config.js';
import { BadRequestError } from '../../shared/errors.js';
import type { TenantRecord } from './registry.js';

const FIELDS = new Set(['username', 'password', 'readOnlyUsername', 'readOnlyPassword', 'allowPublicRead', 'publicHeartbeat']);

/**
 * A create request's `basicAuth`, checked: the broker's read/write user (required), an optional
 * read-only user, and what may be read without credentials. Badges stay public, as in the image.
 */
export function parseBasicAuth(value: unknown): BasicAuthSettings | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError('"basicAuth" must be an object, for example {"username": "ci", "password": "a long secret"}.');
  }
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) {
    throw new BadRequestError(`Unknown field ${unknown.map((key) => `"basicAuth.${key}"`).join(', ')}; "basicAuth" takes ${[...FIELDS].map((key) => `"${key}"`).join(', ')}.`);
  }
  const username = userName(given.username, 'basicAuth.username');
  const password = secret(given.password, 'basicAuth.password');
  const readOnly = given.readOnlyUsername !== undefined || given.readOnlyPassword !== undefined;
  const readOnlyUsername = readOnly ? userName(given.readOnlyUsername, 'basicAuth.readOnlyUsername') : undefined;
  if (readOnlyUsername === username) throw new BadRequestError('"basicAuth.readOnlyUsername" must differ from "basicAuth.username".');
  return {
    username,
    password,
    readOnlyUsername,
    readOnlyPassword: readOnly ? secret(given.readOnlyPassword, 'basicAuth.readOnlyPassword') : undefined,
    allowPublicRead: flag(given.allowPublicRead, 'basicAuth.allowPublicRead'),
    publicHeartbeat: flag(given.publicHeartbeat, 'basicAuth.publicHeartbeat'),
    publicBadges: true,
  };
}

/** What the tenant resource shows of its basic auth: never the passwords. */
export function basicAuthView(settings: BasicAuthSettings | undefined) {
  if (!settings) return null;
  const { username, readOnlyUsername = null, allowPublicRead, publicHeartbeat } = settings;
  return { username, readOnlyUsername, allowPublicRead, publicHeartbeat };
}

/** The headers with which the platform itself (readiness, dashboard) reaches a tenant's broker: its credentials, if any. */
export function brokerAuthHeaders(tenant: Pick<TenantRecord, 'basicAuth'> | undefined): Record<string, string> {
  const settings = tenant?.basicAuth;
  return settings ? { Authorization: `Basic ${Buffer.from(`${settings.username}:${settings.password}`).toString('base64')}` } : {};
}

/** The environment that turns basic auth on in a broker container (the official image's names; ours reads the same). */
export function basicAuthEnv(settings: BasicAuthSettings | undefined): string[] {
  if (!settings) return [];
  return [
    `PACT_BROKER_BASIC_AUTH_USERNAME=${settings.username}`,
    `PACT_BROKER_BASIC_AUTH_PASSWORD=${settings.password}`,
    ...(settings.readOnlyUsername === undefined
      ? []
      : [`PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME=${settings.readOnlyUsername}`, `PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD=${settings.readOnlyPassword ?? ''}`]),
    `PACT_BROKER_ALLOW_PUBLIC_READ=${settings.allowPublicRead}`,
    `PACT_BROKER_PUBLIC_HEARTBEAT=${settings.publicHeartbeat}`,
  ];
}

function userName(value: unknown, field: string): string {
  // Narrower than basic auth needs (no ":"), so that a name is safe where the dashboard shows it in a shell command.
  if (typeof value !== 'string' || !/^[A-Za-z0-9._@+-]{1,100}$/.test(value)) {
    throw new BadRequestError(`"${field}" must be a user name of 1 to 100 letters, digits, ".", "_", "@", "+" or "-".`);
  }
  return value;
}

function secret(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length < 8 || value.length > 200 || /[\r\n]/.test(value)) {
    throw new BadRequestError(`"${field}" must be a password of 8 to 200 characters on one line.`);
  }
  return value;
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new BadRequestError(`"${field}" must be true or false.`);
  return value;
}
