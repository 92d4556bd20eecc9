import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the gateway may do with a request for a tenant: call its handler in the same process,
 * proxy it to an internal port, or answer for a tenant that cannot serve now.
 */
export type TenantRoute =
  | { kind: 'in-process'; handle: (req: IncomingMessage, res: ServerResponse) => void }
  | { kind: 'proxy'; host: string; port: number }
  | { kind: 'unavailable'; state: string; retryAfterSeconds: number };

/** Given a tenant name, its route; `undefined` for a tenant that does not exist. */
export type TenantRouteLookup = (tenant: string) => TenantRoute | undefined;

/** What the gateway knows of a tenant request when it asks whether to let it through. */
export interface TenantRequest {
  method: string;
  /** The path the tenant sees, without the query. */
  path: string;
  /** Every Authorization header the client sent (normally none or one). */
  authorization: string[];
}

/**
 * The control plane's answer for one tenant request (issue 11): let it through as sent, forward it
 * with these headers in place of the client's Authorization (a token turned into the tenant's
 * broker credentials), or refuse it with a problem and an optional `WWW-Authenticate` challenge.
 */
export type TenantAccess =
  | { kind: 'pass' }
  | { kind: 'forward'; headers: Record<string, string> }
  | { kind: 'refuse'; status: number; title: string; detail: string; challenge?: string };

/** Decides a tenant request's access; called on every tenant request: no I/O. */
export type TenantAuthorizer = (tenant: string, request: TenantRequest) => TenantAccess;
