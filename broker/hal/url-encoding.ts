/** Percent-encodes like Ruby's ERB::Util.url_encode: everything except [A-Za-z0-9_.~-], a space as %20. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Splits a path on `/` and only then percent-decodes each segment, as webmachine does, so that a
 * branch `feat/x` sent as `feat%2Fx` stays one segment. Returns null when a segment is not valid
 * percent-encoding.
 */
export function splitPath(path: string): string[] | null {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return null;
    }
  }
  return segments;
}
