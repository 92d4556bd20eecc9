/** Chooses the base URL (scheme, host and prefix, no trailing slash) that every link of one response starts with. */
export function resolveBaseUrl(request: Request, configuredBaseUrls: readonly string[]): string {
  const fromRequest = baseUrlFromRequest(request);
  const configured = configuredBaseUrls.map((url) => url.replace(/\/+$/, ''));
  if (configured.length === 0) return fromRequest;
  return configured.find((url) => matchesRequest(url, request, fromRequest)) ?? (configured[0] as string);
}

/** The base URL the client used: forwarded headers first, then the request itself. */
export function baseUrlFromRequest(request: Request): string {
  const url = new URL(request.url);
  const proto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase() ?? url.protocol.replace(/:$/, '');
  let host = firstValue(request.headers.get('x-forwarded-host')) ?? request.headers.get('host') ?? url.host;
  const forwardedPort = firstValue(request.headers.get('x-forwarded-port'));
  if (forwardedPort && !hasPort(host) && forwardedPort !== defaultPort(proto)) host = `${host}:${forwardedPort}`;
  return `${proto}://${host}${forwardedPrefix(request)}`;
}

function matchesRequest(baseUrl: string, request: Request, fromRequest: string): boolean {
  let candidate: URL;
  let requestUrl: URL;
  try {
    candidate = new URL(baseUrl);
    requestUrl = new URL(fromRequest);
  } catch {
    return false;
  }
  if (candidate.host.toLowerCase() !== requestUrl.host.toLowerCase()) return false;
  const prefix = forwardedPrefix(request);
  return prefix === '' || candidate.pathname.replace(/\/+$/, '') === prefix;
}

function forwardedPrefix(request: Request): string {
  const prefix = firstValue(request.headers.get('x-forwarded-prefix'));
  if (!prefix) return '';
  return `/${prefix.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0]?.trim();
  return value ? value : undefined;
}

function hasPort(host: string): boolean {
  // An IPv6 literal ([::1]) has colons of its own; only a colon after the closing bracket is a port.
  return host.startsWith('[') ? /\]:\d+$/.test(host) : host.includes(':');
}

function defaultPort(proto: string): string {
  return proto === 'https' ? '443' : '80';
}
