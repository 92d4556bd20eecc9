/**
 * The opaque `/metadata/{m}` URL segment (docs/broker-api.md#the-pact-document-and-its-metadata): URL-safe base64 without padding of a
 * Rack-style nested query, with the Ruby broker's short keys (`pacts/metadata.rb`).
 */
export interface PactMetadata {
  /** `cvt`: consumer version tags. */
  consumerVersionTags?: string[];
  /** `cv`: consumer version id. */
  consumerVersionId?: number;
  /** `cvn`: consumer version number. */
  consumerVersionNumber?: string;
  /** `w`: the pact was verified as a work-in-progress pact. */
  wip?: boolean;
  /** `p`: the pact was pending for the verifying provider version. */
  pending?: boolean;
  /** `s`: the consumer version selectors that picked the pact (pacts for verification). */
  selectors?: MetadataSelector[];
}

/** One `s[]` entry: `b`, `t`, `l`, `e`, `cv`. */
export interface MetadataSelector {
  branch?: string;
  tag?: string;
  latest?: boolean;
  environment?: string;
  consumerVersionId?: number;
}

const SELECTOR_KEYS = [
  ['b', 'branch'],
  ['t', 'tag'],
  ['l', 'latest'],
  ['e', 'environment'],
  ['cv', 'consumerVersionId'],
] as const;

export function encodeMetadata(metadata: PactMetadata): string {
  const pairs: string[] = [];
  const add = (key: string, value: string | number | boolean) => pairs.push(`${formEncode(key)}=${formEncode(String(value))}`);
  for (const tag of metadata.consumerVersionTags ?? []) add('cvt[]', tag);
  if (metadata.consumerVersionNumber !== undefined) add('cvn', metadata.consumerVersionNumber);
  if (metadata.consumerVersionId !== undefined) add('cv', metadata.consumerVersionId);
  if (metadata.wip !== undefined) add('w', metadata.wip);
  for (const selector of metadata.selectors ?? []) {
    for (const [short, long] of SELECTOR_KEYS) {
      const value = selector[long];
      if (value !== undefined) add(`s[][${short}]`, value);
    }
  }
  if (metadata.pending !== undefined) add('p', metadata.pending);
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
  const id = toInteger(params.get('cv'));
  if (id !== undefined) metadata.consumerVersionId = id;
  if (params.has('w')) metadata.wip = params.get('w') === 'true';
  if (params.has('p')) metadata.pending = params.get('p') === 'true';
  const selectors = decodeSelectors(params);
  if (selectors.length > 0) metadata.selectors = selectors;
  return metadata;
}

/** Rack's `s[][k]` arrays: a key already present in the last hash starts the next one. */
function decodeSelectors(params: URLSearchParams): MetadataSelector[] {
  const hashes: Record<string, string>[] = [];
  for (const [key, value] of params) {
    const short = /^s\[\]\[(\w+)\]$/.exec(key)?.[1];
    if (short === undefined) continue;
    const last = hashes.at(-1);
    if (last === undefined || short in last) hashes.push({ [short]: value });
    else last[short] = value;
  }
  return hashes.map((hash) => {
    const selector: MetadataSelector = {};
    if (hash.b !== undefined) selector.branch = hash.b;
    if (hash.t !== undefined) selector.tag = hash.t;
    if (hash.l !== undefined) selector.latest = hash.l === 'true';
    if (hash.e !== undefined) selector.environment = hash.e;
    const consumerVersionId = toInteger(hash.cv ?? null);
    if (consumerVersionId !== undefined) selector.consumerVersionId = consumerVersionId;
    return selector;
  });
}

function toInteger(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Ruby's URI.encode_www_form_component: only [A-Za-z0-9*._-] stay, a space becomes `+`. */
function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
