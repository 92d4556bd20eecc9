import type { EnvironmentRow } from '../db/index.js';
import { formatTime, timestamps } from '../hal/index.js';
import { releasedVersionUrl } from '../environments/index.js';
import { decorateListings, decorateWithContext } from './embedded-resources.js';
import type { ReleasedVersionListing } from './released-version-repository.js';

/** The released version resource (docs/broker-api.md#released-versions), with its pacticipant, version and environment embedded. */
export function decorateReleasedVersion(released: ReleasedVersionListing, environment: EnvironmentRow, baseUrl: string): unknown {
  return decorateWithContext(decorate, released, environment, baseUrl);
}

/** A list of released versions under `_embedded.releasedVersions`. */
export function decorateReleasedVersions(
  list: readonly ReleasedVersionListing[],
  self: { href: string; title: string },
  options: { embed: boolean },
  baseUrl: string,
): unknown {
  return decorateListings(decorate, 'releasedVersions', list, self, options, baseUrl);
}

function decorate(released: ReleasedVersionListing, baseUrl: string, embedded: Record<string, unknown> | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { uuid: released.uuid, currentlySupported: released.support_ended_at === null, ...timestamps(released) };
  if (released.support_ended_at !== null) body.supportEndedAt = formatTime(released.support_ended_at);
  if (embedded) body._embedded = embedded;
  body._links = { self: { href: releasedVersionUrl(baseUrl, released.uuid) } };
  return body;
}
