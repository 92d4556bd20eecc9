import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TenantAccess, TenantRequest } from '../shared/routing.js';
import { sendGatewayProblem } from './error-responses.js';

/** What the control plane's authorizer is told of a request: method, tenant path without query, Authorization headers. */
export function tenantRequestOf(req: IncomingMessage, path: string): TenantRequest {
  const authorization: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === 'authorization') authorization.push(req.rawHeaders[i + 1]!);
  }
  const query = path.indexOf('?');
  return { method: req.method ?? 'GET', path: query === -1 ? path : path.slice(0, query), authorization };
}

/** The raw headers a tenant receives for a forwarded token request: the client's Authorization replaced (issue 11: a token never reaches a broker). */
export function withCredentials(rawHeaders: readonly string[], credentials: Record<string, string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'authorization') out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  for (const [name, value] of Object.entries(credentials)) out.push(name, value);
  return out;
}

/** Answers a refused tenant request with problem+json (or a page for browsers) and its `WWW-Authenticate` challenge. */
export function sendAccessProblem(req: IncomingMessage, res: ServerResponse, refusal: Extract<TenantAccess, { kind: 'refuse' }>): void {
  if (refusal.challenge) res.setHeader('WWW-Authenticate', refusal.challenge);
  sendGatewayProblem(req, res, refusal);
}
