import { pacticipantUrl, versionUrl } from '../hal/urls.js';

/** The parts deployed and released version resources share (RB `embedded_*_decorator.rb`). */

/** `_embedded.pacticipant` and `_embedded.version` of a deployed or released version. */
export function embeddedPacticipantAndVersion(
  { pacticipant_name: name, version_number: number }: { pacticipant_name: string; version_number: string },
  baseUrl: string,
): Record<string, unknown> {
  return {
    pacticipant: { name, _links: { self: { href: pacticipantUrl(baseUrl, name) } } },
    version: { number, _links: { self: { title: 'Version', name: number, href: versionUrl(baseUrl, name, number) } } },
  };
}

/** The `_links.self` of a list resource: its URL with the request's query string, titled. */
export function listSelfLink(href: string, query: string, title: string): { href: string; title: string } {
  return { href: query ? `${href}?${query}` : href, title };
}

/** The query string of a request URL as the client sent it, without the `?`. */
export function rawQuery(requestUrl: string): string {
  return new URL(requestUrl).search.slice(1);
}
