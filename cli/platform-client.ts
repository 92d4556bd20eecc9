import { ApiClient } from '../control-plane/api/api-client.js';
import type { CliConfig } from './cli-config.js';
import { ApiError, CliError, UnreachableError } from './cli-errors.js';

/**
 * The CLI's client of the platform: the shared API client (team issue 16) over Node's fetch, with a
 * request that gets no answer and every refusal turned into a CliError carrying the server's sentence.
 */
export function platformClient(config: CliConfig, fetchImpl: typeof fetch = fetch): ApiClient {
  return new ApiClient({
    baseUrl: config.url,
    token: config.adminToken,
    fetch: async (url, init) => {
      try {
        return await fetchImpl(url, init);
      } catch (error) {
        throw requestFailure(error, config.url);
      }
    },
    problem: (status, detail) =>
      new ApiError(status, status === 401 ? `${detail} Set PACTSAFS_ADMIN_TOKEN, or "adminToken" in ${config.configFile}, to the platform's admin token.` : detail),
  });
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
