/** How the client reached the gateway: the facts the forwarded headers carry on. */
export interface ClientConnection {
  /** The port the client connected to (not the one in its Host header, which may be absent). */
  localPort: number;
  remoteAddress: string | undefined;
  encrypted: boolean;
  /** The path form's prefix (`/t/<tenant>`), sent on as X-Forwarded-Prefix. */
  prefix?: string;
}

// RFC 9110 §7.6.1 hop-by-hop fields, plus forwarding headers a client must not be able to forge.
const DROPPED = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade',
  'forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for',
  'x-forwarded-prefix', 'x-forwarded-scheme', 'x-forwarded-ssl', 'x-real-ip',
]);

/**
 * The request headers a tenant receives, as a raw name/value list: hop-by-hop headers removed
 * (also those the client's Connection header names; an upgrade keeps its Connection/Upgrade)
 * and X-Forwarded-* replaced by what the gateway saw itself.
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
    out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  if (upgrade) out.push('Connection', 'Upgrade', 'Upgrade', headerValue(rawHeaders, 'upgrade') ?? 'websocket');
  out.push(
    'X-Forwarded-Host', host ?? '',
    'X-Forwarded-Proto', client.encrypted ? 'https' : 'http',
    'X-Forwarded-Port', String(client.localPort),
    'X-Forwarded-For', client.remoteAddress ?? '',
  );
  if (client.prefix) out.push('X-Forwarded-Prefix', client.prefix);
  return out;
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
