import type { BasicAuthSettings } from '../../shared/broker-config.js';
import { BadRequestError } from '../../shared/errors.js';
import { hashPassword, isPasswordHash } from '../../shared/password-hash.js';
import { PLATFORM_CREDENTIAL } from './platform-credential.js';
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

/**
 * The headers with which the platform itself (readiness, dashboard, token-authorised requests)
 * reaches a tenant's broker: its read/write user, if it has basic auth. A stored hash cannot sign
 * in: such a broker is an embedded one, which takes the platform's own credential (issue 11).
 */
export function brokerAuthHeaders(tenant: Pick<TenantRecord, 'basicAuth'> | undefined): Record<string, string> {
  const settings = tenant?.basicAuth;
  if (!settings) return {};
  const { username, password } = isPasswordHash(settings.password) ? PLATFORM_CREDENTIAL : settings;
  return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/**
 * Replaces an embedded tenant's plain passwords by scrypt hashes, in the record (issue 11): its
 * broker runs in this process and checks hashes, while a docker tenant's container needs the
 * passwords themselves. Whether anything changed.
 */
export async function hashEmbeddedPasswords(tenant: TenantRecord): Promise<boolean> {
  const settings = tenant.basicAuth;
  if (tenant.runtime !== 'embedded' || !settings) return false;
  const password = await hashed(settings.password);
  const readOnlyPassword = settings.readOnlyPassword === undefined ? undefined : await hashed(settings.readOnlyPassword);
  if (password === settings.password && readOnlyPassword === settings.readOnlyPassword) return false;
  tenant.basicAuth = { ...settings, password, readOnlyPassword };
  return true;
}

/** A blank password stays blank: it means "no such user", which a hash of "" would turn into a user. */
async function hashed(password: string): Promise<string> {
  return isPasswordHash(password) || !password.trim() ? password : hashPassword(password);
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
  // A stored hash is told from a password by its form (issue 11): a password of that form would be taken for one.
  if (isPasswordHash(value)) throw new BadRequestError(`"${field}" has the form of a stored password hash; choose another password.`);
  return value;
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new BadRequestError(`"${field}" must be true or false.`);
  return value;
}
