import { randomBytes } from 'node:crypto';
import type { BasicAuthSettings } from '../../shared/broker-config.js';
import { BadRequestError } from '../../shared/errors.js';

/** The broker user the platform makes for a tenant created with `requireAuth`; only the gateway and the platform's own checks use it. */
const PLATFORM_USER = 'pactsafs-gateway';

/**
 * A create request's `requireAuth` (issue 11). `true` gives a tenant without `basicAuth` broker
 * credentials that only the platform knows: every runtime's broker (a docker tenant's published
 * port, the official image included) then refuses anonymous requests by itself, and the gateway
 * forwards token requests with them. Heartbeat and badges stay public.
 */
export function requiredAuth(value: unknown, basicAuth: BasicAuthSettings | undefined): BasicAuthSettings | undefined {
  if (value === undefined || value === false) return undefined;
  if (value !== true) throw new BadRequestError('"requireAuth" must be true or false.');
  if (basicAuth) {
    throw new BadRequestError('"requireAuth" is for tenants without "basicAuth": with "basicAuth" the broker already asks for its users\' credentials.');
  }
  return {
    username: PLATFORM_USER,
    password: randomBytes(32).toString('base64url'),
    allowPublicRead: false,
    publicHeartbeat: true,
    publicBadges: true,
  };
}
