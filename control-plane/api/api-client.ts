import { problemDetailOf } from '../../shared/errors.js';
import { tenantApiPath } from '../../shared/tenant-name.js';
import type {
  AuditLogPage,
  CleanRequest,
  CreatedToken,
  CreateTenantRequest,
  Health,
  LogsQuery,
  RestoredTenant,
  TenantCleanResult,
  TenantList,
  TenantResource,
  TokenList,
  CreateTokenRequest,
} from './contract.js';

/** Sends one request: Node's fetch for the CLI, the control plane's own app in-process for the dashboard. */
export type ApiFetch = (url: string, init: RequestInit) => Promise<Response>;

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

export interface ApiClientOptions {
  fetch: ApiFetch;
  /** Prefixed to every `/api/...` path: the platform's URL, or '' in-process. */
  baseUrl: string;
  /** The admin token (or a dashboard session's), sent as a bearer token. */
  token?: string | undefined;
  /** The error a refusal becomes; default ApiProblem (the CLI adds its exit code and advice). */
  problem?: (status: number, detail: string) => Error;
}

/** A request body: JSON, or a backup tar streamed as it is read. */
type Body = object | ReadableStream<Uint8Array>;

/**
 * The one client of the control plane's REST API (team issue 16), typed by `contract.ts` and shared by
 * the CLI and the dashboard, so both go through the same admin-token rule, validation and locks.
 */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  /** Where the platform answers, as configured ('' in-process). */
  get baseUrl(): string {
    return this.options.baseUrl;
  }

  health(): Promise<Health> {
    return this.json('GET', '/api/health');
  }

  listTenants(): Promise<TenantList> {
    return this.json('GET', '/api/tenants');
  }

  getTenant(name: string): Promise<TenantResource> {
    return this.json('GET', tenantApiPath(name));
  }

  /** Answers once the tenant serves, or with `wait: false` at once with the tenant `creating`. */
  createTenant(request: CreateTenantRequest, { wait = true } = {}): Promise<TenantResource> {
    return this.json('POST', wait ? '/api/tenants' : '/api/tenants?wait=false', request);
  }

  stopTenant(name: string): Promise<TenantResource> {
    return this.json('POST', tenantApiPath(name, '/stop'));
  }

  startTenant(name: string): Promise<TenantResource> {
    return this.json('POST', tenantApiPath(name, '/start'));
  }

  moveTenant(name: string, node: string): Promise<TenantResource> {
    return this.json('POST', tenantApiPath(name, '/move'), { node });
  }

  async removeTenant(name: string, { keepData = false } = {}): Promise<void> {
    await this.send('DELETE', tenantApiPath(name, keepData ? '?keepData=true' : ''));
  }

  /** The tenant's backup as the API streams it (`application/x-tar`, with its Content-Disposition). */
  backup(name: string): Promise<Response> {
    return this.send('GET', tenantApiPath(name, '/backup'), undefined, { Accept: 'application/x-tar, application/problem+json' });
  }

  /** Sends the backup on as it streams in; `sizeBytes`, when known, becomes its Content-Length. */
  restore(name: string, tar: ReadableStream<Uint8Array>, sizeBytes?: number): Promise<RestoredTenant> {
    return this.json('POST', tenantApiPath(name, '/restore'), tar, sizeBytes === undefined ? {} : { 'Content-Length': String(sizeBytes) });
  }

  /** The tenant's log as the API streams it (text). */
  logs(name: string, { tail, follow, role }: LogsQuery = {}): Promise<Response> {
    const query = new URLSearchParams();
    if (tail !== undefined) query.set('tail', String(tail));
    if (follow) query.set('follow', 'true');
    if (role !== undefined) query.set('role', role);
    return this.send('GET', tenantApiPath(name, query.size > 0 ? `/logs?${query}` : '/logs'), undefined, { Accept: 'text/plain, application/problem+json' });
  }

  listTokens(name: string): Promise<TokenList> {
    return this.json('GET', tenantApiPath(name, '/tokens'));
  }

  createToken(name: string, request: CreateTokenRequest): Promise<CreatedToken> {
    return this.json('POST', tenantApiPath(name, '/tokens'), request);
  }

  async revokeToken(name: string, id: string): Promise<void> {
    await this.send('DELETE', tenantApiPath(name, `/tokens/${encodeURIComponent(id)}`));
  }

  clean(name: string, request: CleanRequest): Promise<TenantCleanResult> {
    return this.json('POST', tenantApiPath(name, '/clean'), request);
  }

  /** A page of the audit log, newest first, older than `before` when given. */
  audit({ limit = 50, before }: { limit?: number; before?: string | undefined } = {}): Promise<AuditLogPage> {
    return this.json('GET', `/api/audit?limit=${limit}${before === undefined ? '' : `&before=${encodeURIComponent(before)}`}`);
  }

  private async json<T>(method: string, path: string, body?: Body, headers: Record<string, string> = {}): Promise<T> {
    return (await (await this.send(method, path, body, headers)).json()) as T;
  }

  /** Sends a request and answers the response when it is a success; its body is left unread (streams). */
  private async send(method: string, path: string, body?: Body, extraHeaders: Record<string, string> = {}): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json', ...extraHeaders });
    if (this.options.token !== undefined) headers.set('Authorization', `Bearer ${this.options.token}`);
    let payload: ReadableStream<Uint8Array> | string | undefined;
    if (body instanceof ReadableStream) {
      headers.set('Content-Type', 'application/x-tar');
      payload = body;
    } else if (body !== undefined) {
      headers.set('Content-Type', 'application/json');
      payload = JSON.stringify(body);
    }
    // duplex 'half' lets a stream be the body (a restore sends the tar without buffering it).
    const init: RequestInit & { duplex?: 'half' } = { method, headers, body: payload, ...(payload instanceof ReadableStream && { duplex: 'half' }) };
    const answer = await this.options.fetch(`${this.options.baseUrl}${path}`, init);
    if (!answer.ok) {
      const detail = (await problemDetailOf(answer)) ?? `The platform answered ${[answer.status, answer.statusText].join(' ').trim()}.`;
      throw (this.options.problem ?? ((status, text) => new ApiProblem(status, text)))(answer.status, detail);
    }
    return answer;
  }
}
