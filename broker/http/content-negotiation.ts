/**
 * Which answer a request gets on the URLs that serve both the API and the browser pages. The Ruby
 * broker sends a request to its UI only when the Accept header names no API type
 * (`Rack::PactBroker::UIRequestFilter`); here quality values count too, and a tie goes to the API,
 * so that `application/hal+json`, `application/json`, a bare wildcard and no Accept at all keep getting JSON.
 */

const HTML_TYPES = new Set(['text/html']);
const API_TYPES = new Set(['application/hal+json', 'application/json']);

/** Whether the request is a browser's: it accepts text/html with a higher quality than any JSON type. */
export function prefersHtml(request: Request): boolean {
  const ranges = parseAccept(request.headers.get('accept') ?? '');
  const html = highestQuality(ranges, HTML_TYPES);
  return html > 0 && html > highestQuality(ranges, API_TYPES);
}

/** `?format=json`: what a link on a page uses to show the raw JSON, since a click cannot set the Accept header. */
export function forcesJson(request: Request): boolean {
  // Only a URL with a query is parsed: this runs on every request to `/` and the pact URLs (team issue 13).
  return request.url.includes('?') && new URL(request.url).searchParams.get('format') === 'json';
}

/** One media range of an Accept header, lower case, with its quality. */
export interface MediaRange {
  type: string;
  quality: number;
}

/** The media ranges of an Accept header, in the order given. */
export function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.split(';').map((piece) => piece.trim()))
    .filter(([type]) => type)
    .map(([type = '', ...parameters]) => ({ type: type.toLowerCase(), quality: qualityOf(parameters) }));
}

function qualityOf(parameters: string[]): number {
  const q = parameters.find((parameter) => /^q\s*=/i.test(parameter));
  if (q === undefined) return 1;
  const value = Number(q.replace(/^q\s*=\s*/i, ''));
  // An unreadable quality counts as "not acceptable" rather than guessing.
  return Number.isFinite(value) ? value : 0;
}

function highestQuality(ranges: MediaRange[], types: Set<string>): number {
  return Math.max(0, ...ranges.filter((range) => types.has(range.type)).map((range) => range.quality));
}
