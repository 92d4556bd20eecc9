import { requiredAccess } from '../../broker/index.js';
import type { BasicAuthSettings } from '../../shared/broker-config.js';
import type { TenantAccess, TenantAuthorizer, TenantRequest } from '../../shared/routing.js';
import type { TenantRecord } from '../tenants/registry.js';
import { brokerAuthHeaders } from '../tenants/tenant-auth.js';
import type { TokenScope } from './stored-token.js';
import type { TokenStore } from './token-store.js';

/** The broker's rules with nothing public: what a read-only token may do is decided by method and path alone. */
const NOTHING_PUBLIC: BasicAuthSettings = { username: '', password: '', allowPublicRead: false, publicHeartbeat: false, publicBadges: false };
const PASS: TenantAccess = Object.freeze({ kind: 'pass' });

/**
 * The gateway's check of tenant requests (issue 11). A bearer token of the tenant is swapped for the
 * tenant's broker credentials for its scope, so no broker (the official image included) needs to
 * know tokens and a token never reaches one; a read-only token gets what the broker's read-only
 * user gets, enforced here too. Basic credentials and other schemes pass through to the broker.
 */
export function tenantAccess(find: (tenant: string) => TenantRecord | undefined, tokens: TokenStore): TenantAuthorizer {
  return (tenant, request) => {
    const record = find(tenant);
    if (!record) return PASS;
    if (request.authorization.length > 1) return refuse(400, 'Bad Request', 'Send one Authorization header, not several.');
    const header = request.authorization[0];
    if (header === undefined) return record.requireAuth ? anonymous(record, request) : PASS;
    const bearer = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
    if (!bearer) return PASS;
    const check = tokens.check(tenant, bearer[1]?.trim() ?? '');
    if (!check.valid && check.problem === 'unknown') {
      const detail = `This token is not valid for tenant "${tenant}": it is unknown, revoked, or another tenant's.`;
      return refuse(401, 'Unauthorized', detail, 'Bearer error="invalid_token"');
    }
    if (!check.valid) {
      const detail = `The token "${check.token.name}" of tenant "${tenant}" expired at ${check.token.expiresAt}; create a new one.`;
      return refuse(401, 'Unauthorized', detail, 'Bearer error="invalid_token"');
    }
    const { scope, name } = check.token;
    if (scope === 'read-only' && requiredAccess(request.method, request.path, NOTHING_PUBLIC) === 'write') {
      const detail = `The token "${name}" is read-only: it may read and fetch pacts for verification, but ${request.method} ${request.path} needs a read-write token.`;
      return refuse(403, 'Forbidden', detail, 'Bearer error="insufficient_scope"');
    }
    return { kind: 'forward', headers: credentialsFor(record, scope) };
  };
}

/** A tenant created with `requireAuth`: only what its broker leaves public (heartbeat, badges) goes without a token. */
function anonymous(record: TenantRecord, request: TenantRequest): TenantAccess {
  if (record.basicAuth && requiredAccess(request.method, request.path, record.basicAuth) === 'public') return PASS;
  const detail =
    `Tenant "${record.name}" requires a token: send "Authorization: Bearer <token>" (pact-broker --broker-token, or PACT_BROKER_TOKEN). ` +
    `Its tokens are made with POST /api/tenants/${record.name}/tokens.`;
  return refuse(401, 'Unauthorized', detail, 'Bearer');
}

/**
 * A docker tenant's read-only user where it has one (its broker then enforces the scope too), else
 * the read/write user: an embedded tenant's passwords are kept only as hashes, and its broker takes
 * the platform's own credential (brokerAuthHeaders). The scope was enforced above either way.
 */
function credentialsFor(record: TenantRecord, scope: TokenScope): Record<string, string> {
  const auth = record.basicAuth;
  if (scope === 'read-only' && record.runtime === 'docker' && auth?.readOnlyUsername && auth.readOnlyPassword) {
    return { Authorization: `Basic ${Buffer.from(`${auth.readOnlyUsername}:${auth.readOnlyPassword}`).toString('base64')}` };
  }
  return brokerAuthHeaders(record);
}

function refuse(status: number, title: string, detail: string, challenge?: string): TenantAccess {
  return { kind: 'refuse', status, title, detail, ...(challenge && { challenge }) };
}
