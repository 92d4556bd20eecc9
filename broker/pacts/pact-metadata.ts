/**
 * The opaque `/metadata/{m}` URL segment (broker-api.md §3.2): URL-safe base64 without padding of a
 * Rack-style nested query. Only the flat keys this slice reads are decoded.
 */
export interface PactMetadata {
  /** `cvt`: consumer version tags. */
  consumerVersionTags?: string[];
  /** `cv`: consumer version id. */
  consumerVersionId?: number;
  /** `cvn`: consumer version number. */
  consumerVersionNumber?: string;
}

export function encodeMetadata(metadata: PactMetadata): string {
  const pairs: string[] = [];
  for (const tag of metadata.consumerVersionTags ?? []) pairs.push(`${formEncode('cvt[]')}=${formEncode(tag)}`);
  if (metadata.consumerVersionNumber !== undefined) pairs.push(`cvn=${formEncode(metadata.consumerVersionNumber)}`);
  if (metadata.consumerVersionId !== undefined) pairs.push(`cv=${metadata.consumerVersionId}`);
  return Buffer.from(pairs.join('&'), 'utf8').toString('base64url');
}

/** Decodes what {@link encodeMetadata} (or the Ruby broker) wrote; unreadable metadata reads as empty. */
export function decodeMetadata(encoded: string): PactMetadata {
  const params = new URLSearchParams(Buffer.from(encoded, 'base64url').toString('utf8'));
  const metadata: PactMetadata = {};
  const tags = params.getAll('cvt[]');
  if (tags.length > 0) metadata.consumerVersionTags = tags;
  const number = params.get('cvn');
  if (number !== null) metadata.consumerVersionNumber = number;
  const id = Number(params.get('cv') ?? Number.NaN);
  if (Number.isInteger(id)) metadata.consumerVersionId = id;
  return metadata;
}

/** Ruby's URI.encode_www_form_component: only [A-Za-z0-9*._-] stay, a space becomes `+`. */
function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
