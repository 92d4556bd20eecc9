import type { GatewayProblem } from './error-responses.js';
import type { ResolvedRoute, RouteOptions } from './resolve-route.js';

/** The longest request target the gateway takes (issue 11, defect 9): about what nginx and Apache take by default. */
export const MAX_URL_BYTES = 8 * 1024;
/** The request line and header fields together: Node's default, set explicitly so the 431 sentence holds. */
export const MAX_HEADER_BYTES = 16 * 1024;

export const URI_TOO_LONG: GatewayProblem = Object.freeze({
  status: 414,
  title: 'URI Too Long',
  detail: `The request's URL is longer than ${MAX_URL_BYTES / 1024} KB, the most this platform takes.`,
  closeConnection: true,
});

/**
 * Why a request Node has parsed must still be refused before it is routed (RFC 9112), or undefined:
 * a URL over the limit, more than one Host header (§3.2), or a Transfer-Encoding that does not end
 * in chunked (§6.3: its body length cannot be known). The connection closes after the answer.
 */
export function parsedRequestProblem(url: string, rawHeaders: readonly string[]): GatewayProblem | undefined {
  if (url.length > MAX_URL_BYTES) return URI_TOO_LONG;
  let hosts = 0;
  let transferEncoding: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') hosts += 1;
    else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') transferEncoding = rawHeaders[i + 1];
  }
  if (hosts > 1) return badRequest('The request has more than one Host header; send exactly one (RFC 9112 §3.2).');
  if (transferEncoding !== undefined && !/(?:^|,)[ \t]*chunked[ \t]*$/i.test(transferEncoding)) {
    return badRequest(`The request's Transfer-Encoding does not end in "chunked", so its length is unknown (RFC 9112 §6.3).`);
  }
  return undefined;
}

/** The answer to a request for a host name the platform does not serve (issue 11, defect 2), or without one. */
export function hostProblem(route: Extract<ResolvedRoute, { kind: 'unknown-host' | 'missing-host' }>, options: RouteOptions): GatewayProblem {
  const names = [...options.controlHosts].map((host) => (host.includes(':') ? `[${host}]` : host)).join(', ');
  const tenants = options.tenantSuffixes.map((suffix) => `<tenant>.${suffix}`).join(', ');
  const allowed =
    `The control plane answers on ${names} and the IP address it was reached at (and /t/<tenant> under these), tenants on ${tenants}; ` +
    'to serve under another name, add it to PACTSAFS_CONTROL_HOSTS (comma-separated).';
  if (route.kind === 'missing-host') {
    return badRequest(`The request has no Host header; send the name you reached (RFC 9112 §3.2). ${allowed}`);
  }
  // 421 (RFC 9110 §15.5.20): this server will not answer for that name, e.g. a DNS-rebinding page's.
  return { status: 421, title: 'Misdirected Request', detail: `This platform does not answer for the host name "${route.host}". ${allowed}` };
}

/** 400 for a request whose framing or header fields cannot be trusted: the connection closes after it. */
export function badRequest(detail: string): GatewayProblem {
  return { status: 400, title: 'Bad Request', detail, closeConnection: true };
}
