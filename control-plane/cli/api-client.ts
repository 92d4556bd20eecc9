import { problemDetailOf } from '../../shared/errors.js';
import type { CliConfig } from './cli-config.js';
import { ApiError, CliError, UnreachableError } from './cli-errors.js';

/** What `GET /api/health` answers. */
export interface Health {
  status: string;
  version: string;
  tenants: number;
  /** The runtimes the platform has: `docker` when its engine answered at start. */
  runtimes: string[];
  dataDir: string;
  /** Free bytes where the platform keeps its data, or null when it cannot tell. */
  dataDirFreeBytes: number | null;
}

export interface RequestOptions {
  body?: RequestInit['body'];
  headers?: Record<string, string>;
}

/** The platform's REST API over Node's fetch; every failure becomes a CliError with the server's sentence. */
export class ApiClient {
  constructor(
    private readonly config: CliConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get url(): string {
    return this.config.url;
  }

  /** Sends a request and answers the response when it is a success; its body is left unread (streams). */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (this.config.adminToken) headers.Authorization = `Bearer ${this.config.adminToken}`;
    let response: Response;
    try {
      // duplex 'half' lets a stream be the body (restore uploads a tar without buffering it).
      response = await this.fetchImpl(`${this.config.url}${path}`, { method, headers, body: options.body, duplex: 'half' });
    } catch (error) {
      throw requestFailure(error, this.config.url);
    }
    if (!response.ok) throw await this.apiError(response);
    return response;
  }

  /** A JSON request answered with JSON (or nothing, for 204). */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const options = body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
    const response = await this.request(method, path, options);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  private async apiError(response: Response): Promise<ApiError> {
    const detail = await problemDetail(response);
    if (response.status === 401) {
      return new ApiError(401, `${detail} Set PACTSAFS_ADMIN_TOKEN, or "adminToken" in ${this.config.configFile}, to the platform's admin token.`);
    }
    return new ApiError(response.status, detail);
  }
}

/** The problem+json `detail` of an error answer, or its status line when it has none. */
async function problemDetail(response: Response): Promise<string> {
  return (await problemDetailOf(response)) ?? `The platform answered ${response.status} ${response.statusText}.`;
}

/** Socket errors that mean nothing answers at the address (as opposed to a connection broken mid-request). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** A request that got no answer: unreachable (exit 3, with how to start the platform) or broken (exit 1). */
export function requestFailure(error: unknown, url: string): CliError {
  const code = errorCode(error);
  const remedy = 'Start it with `npm start` in the Pact Broker SafS checkout (or `pactsafs serve`), or point --url / PACTSAFS_URL at where it runs.';
  if (code === 'ECONNREFUSED') return new UnreachableError(`The platform is not answering at ${url} (connection refused). ${remedy}`, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new UnreachableError(`Cannot resolve the host name of ${url}; check --url / PACTSAFS_URL.`, { cause: error });
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new UnreachableError(`The platform is not answering at ${url} (${code}). ${remedy}`, { cause: error });
  }
  const reason = code ?? ((error as { cause?: Error }).cause ?? (error as Error)).message;
  return new CliError(`The request to the platform at ${url} failed: ${reason}.`, undefined, { cause: error });
}

/** fetch wraps the socket error in `cause`; with two addresses (localhost: ::1 and 127.0.0.1) it is an AggregateError. */
function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const { code, errors } = cause as { code?: unknown; errors?: Array<{ code?: unknown }> };
  const found = typeof code === 'string' ? code : errors?.find((inner) => typeof inner.code === 'string')?.code;
  return typeof found === 'string' ? found : undefined;
}
