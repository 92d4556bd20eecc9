import { controlHostOf } from '../shared/tenant-address.js';

/** How the client reached the gateway: the facts the forwarded headers carry on. */
export interface ClientConnection {
  /** The port the client connected to (not the one in its Host header, which may be absent). */
  localPort: number;
  remoteAddress: string | undefined;
  encrypted: boolean;
  /** The path form's prefix (`/t/<tenant>`), sent on as X-Forwarded-Prefix. */
  prefix?: string;
  /** The tenant asked for: sent on with its dashboard page, for the broker UI's header (team issue 16). */
  tenant?: string;
  /** Set with `PACTSAFS_PUBLIC_URL`: what the forwarded headers say instead of what the client used. */
  publicOrigin?: PublicOrigin;
}

/** The origin a tenant's links start with, as X-Forwarded-Host/-Proto/-Port carry it. */
export interface PublicOrigin {
  host: string;
  proto: string;
  port: string;
}

/**
 * `PACTSAFS_PUBLIC_URL`'s origin for one tenant request (issue 11, defect 10): the host form
 * `https://acme.pacts.example.com`, the path form `https://pacts.example.com` plus its prefix.
 */
export function publicOriginFor(publicUrl: URL, tenant: string, prefix: string | undefined): PublicOrigin {
  const proto = publicUrl.protocol.slice(0, -1);
  return {
    host: prefix ? publicUrl.host : `${tenant}.${publicUrl.host}`,
    proto,
    port: publicUrl.port || (proto === 'https' ? '443' : '80'),
  };
}

/** The platform's own cookies (the dashboard's session) start with this; a tenant never receives them (issue 11, defect 4). */
const PLATFORM_COOKIE_PREFIX = 'pactsafs_';

// RFC 9110 §7.6.1 hop-by-hop fields, plus forwarding headers a client must not be able to forge.
const DROPPED = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade',
  'forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for',
  'x-forwarded-prefix', 'x-forwarded-scheme', 'x-forwarded-ssl', 'x-real-ip',
  'x-pactsafs-tenant', 'x-pactsafs-dashboard',
]);

/**
 * The request headers a tenant receives, as a raw name/value list: hop-by-hop headers removed
 * (also those the client's Connection header names; an upgrade keeps its Connection/Upgrade),
 * X-Forwarded-* replaced by what the gateway saw itself (or the public origin), and the platform's
 * cookies removed.
 */
export function upstreamRawHeaders(rawHeaders: readonly string[], client: ClientConnection, upgrade: boolean): string[] {
  const listedInConnection = new Set<string>();
  let host: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (name === 'connection') {
      for (const token of rawHeaders[i + 1]!.split(',')) listedInConnection.add(token.trim().toLowerCase());
    } else if (name === 'host') {
      host = rawHeaders[i + 1];
    }
  }
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (DROPPED.has(name) || listedInConnection.has(name)) continue;
    if (name !== 'cookie') {
      out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
      continue;
    }
    const cookies = withoutPlatformCookies(rawHeaders[i + 1]!);
    if (cookies !== '') out.push(rawHeaders[i]!, cookies);
  }
  if (upgrade) out.push('Connection', 'Upgrade', 'Upgrade', headerValue(rawHeaders, 'upgrade') ?? 'websocket');
  const origin = client.publicOrigin;
  out.push(
    'X-Forwarded-Host', origin?.host ?? host ?? '',
    'X-Forwarded-Proto', origin?.proto ?? (client.encrypted ? 'https' : 'http'),
    'X-Forwarded-Port', origin?.port ?? String(client.localPort),
    'X-Forwarded-For', client.remoteAddress ?? '',
  );
  if (client.prefix) out.push('X-Forwarded-Prefix', client.prefix);
  if (client.tenant) out.push('X-Pactsafs-Tenant', client.tenant, 'X-Pactsafs-Dashboard', dashboardUrl(client.tenant, out, client.prefix));
  return out;
}

/**
 * The tenant's dashboard page on the origin its links use: the same host for the path form, the host
 * without the tenant's label for the host form (`acme.localhost:8080` → `localhost:8080`).
 */
function dashboardUrl(tenant: string, forwarded: readonly string[], prefix: string | undefined): string {
  const host = headerValue(forwarded, 'x-forwarded-host') ?? '';
  const controlHost = prefix ? host : controlHostOf(tenant, host);
  return `${headerValue(forwarded, 'x-forwarded-proto')}://${controlHost}/tenants/${encodeURIComponent(tenant)}`;
}

/** A Cookie header's value without the platform's cookies (names compared ignoring case); '' when none is left. */
function withoutPlatformCookies(value: string): string {
  if (!value.toLowerCase().includes(PLATFORM_COOKIE_PREFIX)) return value;
  return value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && !pair.toLowerCase().startsWith(PLATFORM_COOKIE_PREFIX))
    .join('; ');
}

/** Node's `headers` object for a raw list: lowercase names, repeated values joined. */
export function headersObject(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  return headers;
}

/** The first value of a header in a raw name/value list (without building Node's `headers` object). */
export function headerValue(rawHeaders: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === lowerName) return rawHeaders[i + 1];
  }
  return undefined;
}
