import { BadRequestError } from '../../shared/errors.js';
import { TOKEN_SCOPES, type TokenScope } from './stored-token.js';

/** A checked `POST /api/tenants/<t>/tokens` body. */
export interface TokenRequest {
  name: string;
  scope: TokenScope;
  expiresAt: string | null;
}

const FIELDS = new Set(['name', 'scope', 'expiresAt']);
// An ISO 8601 date-time with a zone: what `new Date().toISOString()` and `date -u -Iseconds` write.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks a token request's fields, each refusal a sentence (issue 11). */
export function parseTokenRequest(body: Record<string, unknown>, now: Date): TokenRequest {
  const unknown = Object.keys(body).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) {
    throw new BadRequestError(`Unknown field ${unknown.map((key) => `"${key}"`).join(', ')}; a token takes "name", "scope" and, optionally, "expiresAt".`);
  }
  const { name, scope, expiresAt } = body;
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100 || /\p{Cc}/u.test(name)) {
    throw new BadRequestError('"name" must be a name of 1 to 100 characters on one line, for example "ci".');
  }
  if (typeof scope !== 'string' || !TOKEN_SCOPES.includes(scope as TokenScope)) {
    throw new BadRequestError(`"scope" must be "read-only" or "read-write"; got ${JSON.stringify(scope) ?? 'nothing'}.`);
  }
  return { name: name.trim(), scope: scope as TokenScope, expiresAt: expiry(expiresAt, now) };
}

function expiry(value: unknown, now: Date): string | null {
  if (value === undefined || value === null) return null;
  const time = typeof value === 'string' && ISO_TIME.test(value) ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    throw new BadRequestError(`"expiresAt" must be an ISO 8601 time with a zone, for example "2030-01-31T00:00:00Z"; got ${JSON.stringify(value)}.`);
  }
  if (time <= now) throw new BadRequestError(`"expiresAt" must be in the future; ${value} has passed.`);
  return time.toISOString();
}
