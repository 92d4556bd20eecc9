import type { EnvironmentRow } from '../db/index.js';
import { decorateEnvironment } from '../environments/index.js';
import { pacticipantUrl, versionUrl } from '../hal/index.js';

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

interface PacticipantVersionListing {
  pacticipant_name: string;
  version_number: string;
}

/** Renders one deployed or released version; `embedded` is added as its `_embedded` when given. */
type DecorateListing<T> = (listing: T, baseUrl: string, embedded: Record<string, unknown> | undefined) => Record<string, unknown>;

/** A deployed or released version resource, with its pacticipant, version and environment embedded. */
export function decorateWithContext<T extends PacticipantVersionListing>(
  decorate: DecorateListing<T>,
  listing: T,
  environment: EnvironmentRow,
  baseUrl: string,
): Record<string, unknown> {
  return decorate(listing, baseUrl, { ...embeddedPacticipantAndVersion(listing, baseUrl), environment: decorateEnvironment(environment, baseUrl) });
}

/**
 * A list under `_embedded.<key>`. The currently-deployed/-supported queries embed each one's
 * pacticipant and version, which `record-undeployment`, `record-support-ended` and `describe-version` read.
 */
export function decorateListings<T extends PacticipantVersionListing>(
  decorate: DecorateListing<T>,
  key: 'deployedVersions' | 'releasedVersions',
  list: readonly T[],
  self: { href: string; title: string },
  { embed }: { embed: boolean },
  baseUrl: string,
): unknown {
  return {
    _embedded: { [key]: list.map((item) => decorate(item, baseUrl, embed ? embeddedPacticipantAndVersion(item, baseUrl) : undefined)) },
    _links: { self },
  };
}

/** The `_links.self` of a list resource: its URL with the request's query string, titled. */
export function listSelfLink(href: string, query: string, title: string): { href: string; title: string } {
  return { href: query ? `${href}?${query}` : href, title };
}
