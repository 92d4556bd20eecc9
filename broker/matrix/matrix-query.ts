/**
 * The matrix query (docs/broker-api.md#matrix-query): selectors of pacticipant versions and the options, parsed
 * from Rack-style nested query strings (`q[][pacticipant]=Foo&q[][version]=1`) as the Ruby broker
 * parses them (`matrix/parse_query.rb`, `parse_can_i_deploy_query.rb`).
 */

/** Which versions of one pacticipant a selector describes, by name; every key optional. */
export interface UnresolvedSelector {
  pacticipantName?: string;
  versionNumber?: string;
  latest?: boolean;
  tag?: string;
  branch?: string;
  environmentName?: string;
  mainBranch?: boolean;
}

/** `cvp`: the newest provider version per consumer version and provider; `cvpv`: a row per pair of versions; `cp`: per integration. */
export type LatestBy = 'cvp' | 'cvpv' | 'cp';

export interface MatrixOptions {
  latestby?: LatestBy;
  /** With `tag`, `environmentName` or `mainBranch`: where the other pacticipants' versions come from. */
  latest?: boolean;
  tag?: string;
  environmentName?: string;
  mainBranch?: boolean;
  /** Keeps only rows whose verification succeeded (true), failed (false) or is missing (null). */
  success?: (boolean | null)[];
  /** As given: validated to be 1 or more (`to_i`), default 100. */
  limit: string;
  ignoreSelectors: UnresolvedSelector[];
}

export interface MatrixQuery {
  selectors: UnresolvedSelector[];
  options: MatrixOptions;
}

/** A parsed query string: scalar values, arrays (`x[]`) and arrays of objects (`x[][k]`). */
type NestedParams = Map<string, string | string[] | Record<string, string>[]>;

const DEFAULT_LIMIT = '100';

/** Parses the query string of `GET /matrix`. */
export function parseMatrixQuery(queryString: string): MatrixQuery {
  const params = parseNestedQuery(queryString);
  const options: MatrixOptions = { limit: DEFAULT_LIMIT, ignoreSelectors: objectList(params, 'ignore').map(parseSelector) };
  const success = params.get('success');
  if (typeof success === 'string') options.success = [successValue(success)];
  else if (Array.isArray(success)) options.success = success.map((value) => (typeof value === 'string' ? successValue(value) : null));
  const latestby = scalar(params, 'latestby');
  if (latestby === 'cvp' || latestby === 'cvpv' || latestby === 'cp') options.latestby = latestby;
  const limit = scalar(params, 'limit');
  if (limit) options.limit = limit;
  const latest = scalar(params, 'latest');
  if (latest) options.latest = latest === 'true';
  const tag = scalar(params, 'tag');
  if (tag) options.tag = tag;
  const environment = scalar(params, 'environment');
  if (environment) options.environmentName = environment;
  const mainBranch = scalar(params, 'mainBranch');
  if (mainBranch) options.mainBranch = mainBranch === 'true';
  return { selectors: objectList(params, 'q').map(parseSelector), options };
}

/**
 * Parses the query string of `GET /can-i-deploy?pacticipant=&version=&to=|environment=`: one selector,
 * `to` as the latest version with that tag, an environment compared version by version (`cvpv`).
 */
export function parseCanIDeployQuery(queryString: string): MatrixQuery {
  const params = parseNestedQuery(queryString);
  const selector: UnresolvedSelector = {};
  const pacticipant = scalar(params, 'pacticipant');
  if (pacticipant !== undefined) selector.pacticipantName = pacticipant;
  const version = scalar(params, 'version');
  if (version !== undefined) selector.versionNumber = version;
  const options: MatrixOptions = { latestby: 'cvp', limit: DEFAULT_LIMIT, ignoreSelectors: [] };
  const to = scalar(params, 'to');
  if (to !== undefined) Object.assign(options, { tag: to, latest: true });
  const environment = scalar(params, 'environment');
  if (environment !== undefined) Object.assign(options, { environmentName: environment, latestby: 'cvpv' });
  const ignore = params.get('ignore');
  if (Array.isArray(ignore)) {
    options.ignoreSelectors = ignore.flatMap((entry): UnresolvedSelector[] => {
      if (typeof entry === 'string') return [{ pacticipantName: entry }];
      if (entry.pacticipant === undefined) return [];
      return [entry.version === undefined ? { pacticipantName: entry.pacticipant } : { pacticipantName: entry.pacticipant, versionNumber: entry.version }];
    });
  }
  return { selectors: [selector], options };
}

function parseSelector(raw: Record<string, string>): UnresolvedSelector {
  const selector: UnresolvedSelector = {};
  if (raw.pacticipant) selector.pacticipantName = raw.pacticipant;
  if (raw.version) selector.versionNumber = raw.version;
  if (raw.latest === 'true') selector.latest = true;
  if (raw.branch) selector.branch = raw.branch;
  if (raw.tag) selector.tag = raw.tag;
  if (raw.environment) selector.environmentName = raw.environment;
  if (raw.mainBranch === 'true') selector.mainBranch = true;
  return selector;
}

function successValue(value: string): boolean | null {
  return value === '' ? null : value === 'true';
}

function scalar(params: NestedParams, key: string): string | undefined {
  const value = params.get(key);
  return typeof value === 'string' ? value : undefined;
}

function objectList(params: NestedParams, key: string): Record<string, string>[] {
  const value = params.get(key);
  return Array.isArray(value) ? value.filter((entry): entry is Record<string, string> => typeof entry === 'object') : [];
}

/**
 * The part of Rack's `parse_nested_query` the matrix needs: `k=v`, `k[]=v` and `k[][f]=v`, where a
 * field already present in the last object starts a new object, so `q[][pacticipant]=A&q[][version]=1&q[][pacticipant]=B` gives two.
 */
export function parseNestedQuery(queryString: string): NestedParams {
  const params: NestedParams = new Map();
  for (const pair of queryString.split(/[&;]/)) {
    if (pair === '') continue;
    const [rawKey = '', rawValue = ''] = splitOnce(pair, '=');
    const key = formDecode(rawKey);
    const value = formDecode(rawValue);
    const nested = /^([^[\]]+)\[\](?:\[([^[\]]+)\])?$/.exec(key);
    if (!nested) {
      params.set(key, value);
      continue;
    }
    const [, name = '', field] = nested;
    const existing = params.get(name);
    const list: (string | Record<string, string>)[] = Array.isArray(existing) ? existing : [];
    params.set(name, list as string[] | Record<string, string>[]);
    if (field === undefined) {
      list.push(value);
      continue;
    }
    const last = list.at(-1);
    if (typeof last === 'object' && !(field in last)) last[field] = value;
    else list.push({ [field]: value });
  }
  return params;
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
