import { isObject } from '../http/index.js';

/**
 * A pact document as its page shows it: each interaction or message with its provider states, the
 * request and response (HTTP) or the message, bodies pretty-printed. Pure, and lenient: a pact is
 * whatever a consumer published, so every field may be missing or of an unexpected type.
 */

export type HeaderList = [name: string, value: string][];

export interface RequestView {
  method: string;
  path: string;
  query: string | undefined;
  headers: HeaderList;
  body: string | undefined;
}

export interface ResponseView {
  status: string;
  headers: HeaderList;
  body: string | undefined;
}

export type InteractionView =
  | { kind: 'http'; description: string; providerStates: string[]; request: RequestView; response: ResponseView }
  /** An asynchronous message (contents, metadata) or a synchronous one (request, response), pretty-printed. */
  | { kind: 'message'; description: string; providerStates: string[]; message: string };

export interface PactView {
  specificationVersion: string | undefined;
  interactions: InteractionView[];
  /** The document pretty-printed when it lists no interactions or messages, as the Ruby broker falls back to raw content. */
  unreadable: string | undefined;
}

/** Reads stored pact content for its page. */
export function pactView(content: string): PactView {
  const document = parseJson(content);
  if (!isObject(document)) return { specificationVersion: undefined, interactions: [], unreadable: prettyJson(document ?? content) };
  const items = [document.interactions, document.messages].flatMap((list) => (Array.isArray(list) ? list.filter(isObject) : []));
  const isListed = Array.isArray(document.interactions) || Array.isArray(document.messages);
  return {
    specificationVersion: specificationVersion(document),
    interactions: items.map(interactionView),
    unreadable: isListed ? undefined : prettyJson(document),
  };
}

function interactionView(item: Record<string, unknown>): InteractionView {
  const description = typeof item.description === 'string' ? item.description : '(no description)';
  const providerStates = providerStatesOf(item);
  // V4 names its kind (`Synchronous/HTTP`, `Asynchronous/Messages`, `Synchronous/Messages`); before V4, messages have no request.
  const isHttp = typeof item.type === 'string' ? item.type === 'Synchronous/HTTP' : isObject(item.request);
  if (!isHttp) return { kind: 'message', description, providerStates, message: prettyJson(messageParts(item)) };
  const request = isObject(item.request) ? item.request : {};
  const response = isObject(item.response) ? item.response : {};
  return {
    kind: 'http',
    description,
    providerStates,
    request: {
      method: String(request.method ?? 'GET').toUpperCase(),
      path: String(request.path ?? '/'),
      query: queryText(request.query),
      headers: headerList(request.headers),
      body: bodyText(request.body),
    },
    response: { status: String(response.status ?? ''), headers: headerList(response.headers), body: bodyText(response.body) },
  };
}

/** V3/V4 `providerStates` with their parameters, V2 `providerState`, V1 `provider_state`. */
function providerStatesOf(item: Record<string, unknown>): string[] {
  if (Array.isArray(item.providerStates)) {
    return item.providerStates.filter(isObject).map((state) => {
      const name = String(state.name ?? '');
      return isObject(state.params) && Object.keys(state.params).length > 0 ? `${name} ${JSON.stringify(state.params)}` : name;
    });
  }
  const single = item.providerState ?? item.provider_state;
  return typeof single === 'string' && single !== '' ? [single] : [];
}

function messageParts(item: Record<string, unknown>): Record<string, unknown> {
  const parts: Record<string, unknown> = {};
  for (const key of ['contents', 'metadata', 'request', 'response']) {
    if (item[key] !== undefined) parts[key] = item[key];
  }
  return parts;
}

/** A V2 query string as it came; a V3 query (name to values) written out as one, unencoded to stay readable. */
function queryText(query: unknown): string | undefined {
  if (typeof query === 'string') return query === '' ? undefined : query;
  if (!isObject(query)) return undefined;
  const pairs = Object.entries(query).flatMap(([name, values]) => (Array.isArray(values) ? values : [values]).map((value) => `${name}=${String(value)}`));
  return pairs.length === 0 ? undefined : pairs.join('&');
}

function headerList(headers: unknown): HeaderList {
  if (!isObject(headers)) return [];
  return Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.map(String).join(', ') : String(value)]);
}

/** A body pretty-printed; a V4 body (`{content, contentType, encoded}`) shows its content. */
function bodyText(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  const content = isObject(body) && 'content' in body && 'contentType' in body ? body.content : body;
  return typeof content === 'string' ? content : prettyJson(content);
}

function specificationVersion(document: Record<string, unknown>): string | undefined {
  const metadata = isObject(document.metadata) ? document.metadata : {};
  for (const key of ['pactSpecification', 'pact-specification', 'pactSpecificationVersion']) {
    const value = metadata[key];
    if (typeof value === 'string') return value;
    if (isObject(value) && typeof value.version === 'string') return value.version;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function prettyJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
