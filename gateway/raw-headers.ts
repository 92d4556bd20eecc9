// Issue 13 (target 2): the proxy reads and writes raw header lists, never Node's `headers` objects.

/** Response fields that concern only the connection they came on (RFC 9110 §7.6.1); Node sets its own for the client's. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

/** Whether a request's raw headers announce a body (Content-Length other than 0, or Transfer-Encoding). */
export function hasRequestBody(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') return true;
    if (name.length === 14 && name.toLowerCase() === 'content-length' && rawHeaders[i + 1]!.trim() !== '0') return true;
  }
  return false;
}

/**
 * The broker's response headers as the client gets them: hop-by-hop fields (and those its
 * Connection names) left out; for an HTTP/1.0 client also Transfer-Encoding, which 1.0 does not
 * know (the body then ends with the connection).
 */
export function responseRawHeaders(rawHeaders: readonly string[], http10Client: boolean): string[] {
  const out: string[] = [];
  let listed: string[] | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (name === 'connection') listed = rawHeaders[i + 1]!.toLowerCase().split(',').map((token) => token.trim());
  }
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || listed?.includes(name) || (http10Client && name === 'transfer-encoding')) continue;
    out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return out;
}
