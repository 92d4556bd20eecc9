import { parse } from 'content-type';

/** The types a backup tar may be sent as (restore and create-from-backup). */
const ARCHIVE_TYPES = new Set(['application/x-tar', 'application/tar', 'application/octet-stream']);

/**
 * The media type of a Content-Type header, parsed as RFC 9110 has it and lowercased, without its
 * parameters; `undefined` when the header is missing or malformed. Parsed, never substring-matched:
 * `text/plain; x=json` is not JSON (issue 11).
 */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return parse(header).type;
  } catch {
    return undefined;
  }
}

/** `application/json` or a structured `application/*+json` type (RFC 6839). */
export function isJsonMediaType(type: string | undefined): boolean {
  return type === 'application/json' || (type !== undefined && /^application\/[^/]+\+json$/.test(type));
}

/** One of the types a backup tar is sent as. */
export function isArchiveMediaType(type: string | undefined): boolean {
  return type !== undefined && ARCHIVE_TYPES.has(type);
}
