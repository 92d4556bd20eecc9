import { problemDetailOf } from '../../shared/errors.js';
import { tenantApiPath } from '../../shared/tenant-name.js';
import type { TenantResource } from '../api/tenant-routes.js';
import type { AuditEntry } from '../audit/audit-log.js';
import type { TokenView } from '../tokens/stored-token.js';

/** Sends a request to the control plane's own REST API, in-process. */
export type ApiFetch = (path: string, init?: RequestInit) => Promise<Response>;

/** A refusal of the REST API, carrying its problem+json `detail` for people. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/**
 * The dashboard as a client of the REST API: every action goes through `/api`, so the admin-token
 * rule, validation and the per-tenant operation lock apply exactly as for the CLI and curl.
 */
export class DashboardApi {
  constructor(
    private readonly fetchApi: ApiFetch,
    private readonly token: string | undefined,
  ) {}

  async listTenants(): Promise<TenantResource[]> {
    return (await this.json<{ tenants: TenantResource[] }>('GET', '/api/tenants')).tenants;
  }

  getTenant(name: string): Promise<TenantResource> {
    return this.json('GET', tenantApiPath(name));
  }

  /** Answers at once with the tenant `creating`: the pages follow its state until it serves. */
  createTenant(name: string, runtime: string | undefined, requireAuth = false): Promise<TenantResource> {
    return this.json('POST', '/api/tenants?wait=false', { name, ...(runtime ? { runtime } : {}), ...(requireAuth && { requireAuth }) });
  }

  stopTenant(name: string): Promise<TenantResource> {
    return this.json('POST', tenantApiPath(name, '/stop'));
  }

  startTenant(name: string): Promise<TenantResource> {
    return this.json('POST', tenantApiPath(name, '/start'));
  }

  async removeTenant(name: string): Promise<void> {
    await this.send('DELETE', tenantApiPath(name));
  }

  /** The tenant's backup as the API streams it (`application/x-tar`, with its Content-Disposition). */
  backup(name: string): Promise<Response> {
    return this.send('GET', tenantApiPath(name, '/backup'));
  }

  /** Sends the backup on as it streams in (`duplex: 'half'`: the request body is a stream). */
  restore(name: string, tar: ReadableStream<Uint8Array>): Promise<TenantResource> {
    return this.json('POST', tenantApiPath(name, '/restore'), tar);
  }

  async logs(name: string, tail: number): Promise<string> {
    return (await this.send('GET', tenantApiPath(name, `/logs?tail=${tail}`))).text();
  }

  async listTokens(name: string): Promise<TokenView[]> {
    return (await this.json<{ tokens: TokenView[] }>('GET', tenantApiPath(name, '/tokens'))).tokens;
  }

  /** A new CI token; the answer's `token` is the only time its secret is shown. */
  createToken(name: string, token: { name: string; scope: string; expiresAt?: string }): Promise<TokenView & { token: string }> {
    return this.json('POST', tenantApiPath(name, '/tokens'), token);
  }

  async revokeToken(name: string, id: string): Promise<void> {
    await this.send('DELETE', tenantApiPath(name, `/tokens/${encodeURIComponent(id)}`));
  }

  /** A page of the audit log, newest first; `next` is the API path of the older page, or null. */
  audit(before: string | undefined): Promise<{ entries: AuditEntry[]; next: string | null }> {
    return this.json('GET', `/api/audit?limit=50${before === undefined ? '' : `&before=${encodeURIComponent(before)}`}`);
  }

  /** The runtimes tenants may use on this platform, and the default. */
  async runtimes(): Promise<{ available: string[]; default: string }> {
    const health = await this.json<{ runtimes: string[]; defaultRuntime: string }>('GET', '/api/health');
    return { available: health.runtimes, default: health.defaultRuntime };
  }

  /** Resolves when the API accepts this client's token (or needs none); an ApiProblem 401 otherwise. */
  async checkAccess(): Promise<void> {
    await (await this.send('GET', '/api/health')).body?.cancel();
  }

  private async json<T>(method: string, path: string, body?: object | ReadableStream<Uint8Array>): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  private async send(method: string, path: string, body?: object | ReadableStream<Uint8Array>): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json' });
    if (this.token !== undefined) headers.set('Authorization', `Bearer ${this.token}`);
    let payload: ReadableStream<Uint8Array> | string | undefined;
    if (body instanceof ReadableStream) {
      headers.set('Content-Type', 'application/x-tar');
      payload = body;
    } else if (body !== undefined) {
      headers.set('Content-Type', 'application/json');
      payload = JSON.stringify(body);
    }
    const init: RequestInit & { duplex?: 'half' } = { method, headers, body: payload, duplex: payload instanceof ReadableStream ? 'half' : undefined };
    const answer = await this.fetchApi(path, init);
    if (!answer.ok) throw new ApiProblem(answer.status, (await problemDetailOf(answer)) ?? `The API answered ${answer.status}.`);
    return answer;
  }
}
