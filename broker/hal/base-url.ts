/**
 * The function that chooses the base URL (scheme, host and prefix, no trailing slash) every link of one
 * response starts with: the configured one whose host and path match the request's host and forwarded
 * prefix, else the first configured, else the one the client used. The configured URLs are parsed here,
 * once, rather than on every request.
 */
export function baseUrlResolver(configuredBaseUrls: readonly string[]): (request: Request) => string {
  const configured = configuredBaseUrls.map((text) => {
    const url = text.replace(/\/+$/, '');
    const parsed = parseUrl(url);
    return { url, host: parsed?.host.toLowerCase(), path: parsed?.pathname.replace(/\/+$/, '') };
  });
  const [first] = configured;
  if (!first) return baseUrlFromRequest;
  return (request) => {
    const host = parseUrl(baseUrlFromRequest(request))?.host.toLowerCase();
    const prefix = forwardedPrefix(request);
    const matching = configured.find((candidate) => candidate.host !== undefined && candidate.host === host && (prefix === '' || candidate.path === prefix));
    return (matching ?? first).url;
  };
}

/** The base URL the client used: forwarded headers first, then the request itself. */
function baseUrlFromRequest(request: Request): string {
  // The request's URL is only parsed when a header does not say (team issue 13: `new URL` on every request showed in profiles).
  const proto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase() ?? request.url.slice(0, request.url.indexOf(':'));
  let host = firstValue(request.headers.get('x-forwarded-host')) ?? request.headers.get('host') ?? new URL(request.url).host;
  const forwardedPort = firstValue(request.headers.get('x-forwarded-port'));
  if (forwardedPort && !hasPort(host) && forwardedPort !== defaultPort(proto)) host = `${host}:${forwardedPort}`;
  return `${proto}://${host}${forwardedPrefix(request)}`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
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
