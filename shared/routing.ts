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
