import type { TenantAccess, TenantAuthorizer } from '../../shared/routing.js';

const PASS: TenantAccess = Object.freeze({ kind: 'pass' });

/**
 * The token check of a gateway-only process (issue 12). CI tokens (issue 11) are hashes in the
 * control plane's registry, which such a process does not have, and a token must never reach a
 * broker: so a request with a bearer token is refused here, with a sentence, rather than passed
 * on. Everything else passes: a tenant's broker checks its own basic-auth users, and a
 * `requireAuth` tenant's broker refuses anonymous requests by itself (heartbeat and badges stay public).
 */
export const gatewayOnlyAccess: TenantAuthorizer = (tenant, request) => {
  if (request.authorization.length > 1) return { kind: 'refuse', status: 400, title: 'Bad Request', detail: 'Send one Authorization header, not several.' };
  const header = request.authorization[0];
  if (header === undefined || !/^Bearer(\s|$)/i.test(header.trim())) return PASS;
  return {
    kind: 'refuse',
    status: 401,
    title: 'Unauthorized',
    detail:
      `This gateway replica cannot check CI tokens: tenant "${tenant}"'s tokens are known only to the control plane, ` +
      "so token requests must go through a process of role all or control. Use the broker's basic-auth credentials here instead.",
    challenge: 'Bearer error="invalid_token"',
  };
};
