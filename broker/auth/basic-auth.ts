import type { MiddlewareHandler } from 'hono';
import type { BasicAuthSettings } from '../../shared/broker-config.js';
import { userCheck, type BasicCredential, type UserCheck } from './user-check.js';

export type Access = 'public' | 'read' | 'write';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PACTS_FOR_VERIFICATION = /^\/pacts\/provider\/[^/]+\/for-verification$/;
const HEARTBEAT = /^\/diagnostic\/status\/heartbeat$/;
const BADGES = [
  /^\/pacts\/provider\/[^/]+\/consumer\/.*\/badge(?:\.[A-Za-z]+)?$/,
  /^\/matrix\/provider\/[^/]+\/latest\/[^/]+\/consumer\/[^/]+\/latest\/[^/]+\/badge(?:\.[A-Za-z]+)?$/,
  /^\/pacticipants\/[^/]+\/latest-version\/[^/]+\/can-i-deploy\/to\/[^/]+\/badge(?:\.[A-Za-z]+)?$/,
  /^\/pacticipants\/[^/]+\/branches\/[^/]+\/latest-version\/can-i-deploy\/to-environment\/[^/]+\/badge(?:\.[A-Za-z]+)?$/,
  /^\/pacticipants\/[^/]+\/main-branch\/can-i-merge\/badge(?:\.[A-Za-z]+)?$/,
];

/** The least access a request needs, by the Ruby broker's rules (`ResourceAccessPolicy`), on the raw path. */
export function requiredAccess(method: string, path: string, settings: BasicAuthSettings): Access {
  const reads = READ_METHODS.has(method);
  const readsPacts = reads || (method === 'POST' && PACTS_FOR_VERIFICATION.test(path));
  if (settings.allowPublicRead && readsPacts) return 'public';
  if (settings.publicHeartbeat && reads && HEARTBEAT.test(path)) return 'public';
  if (settings.publicBadges && reads && path.includes('/badge') && BADGES.some((badge) => badge.test(path))) return 'public';
  return readsPacts ? 'read' : 'write';
}

/**
 * Answers as Rack::Auth::Basic does: 401 with a challenge for missing or wrong credentials, 400
 * for an Authorization header of another scheme (a bearer token) or without `user:password`,
 * both with an empty body. Passwords may be scrypt hashes (embedded brokers, issue 11); `platform`
 * is one more read/write user, the one the platform itself signs in with.
 */
export function basicAuth(settings: BasicAuthSettings, platform?: BasicCredential): MiddlewareHandler {
  const writers = present([userCheck(settings), platform && userCheck(platform)]);
  const readers = [...writers, ...present([userCheck({ username: settings.readOnlyUsername, password: settings.readOnlyPassword })])];
  return async (c, next) => {
    const access = requiredAccess(c.req.method, new URL(c.req.url).pathname, settings);
    if (access === 'public') return next();
    const header = c.req.header('authorization');
    if (header === undefined) return unauthorized();
    const [scheme, token = ''] = header.trim().split(/\s+/, 2);
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    if (scheme?.toLowerCase() !== 'basic' || !decoded.includes(':')) return emptyAnswer(400);
    for (const accepts of access === 'write' ? writers : readers) {
      if (await accepts(decoded)) return next();
    }
    return unauthorized();
  };
}

function present(checks: Array<UserCheck | undefined>): UserCheck[] {
  return checks.filter((check) => check !== undefined);
}

function unauthorized(): Response {
  return emptyAnswer(401, { 'WWW-Authenticate': 'Basic realm="Restricted area"' });
}

function emptyAnswer(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain', 'Content-Length': '0', ...headers } });
}
