import type { EnvironmentRow } from '../db/index.js';
import { formatTime, timestamps } from '../hal/index.js';
import { deployedVersionUrl } from '../environments/index.js';
import type { DeployedVersionListing } from './deployed-version-repository.js';
import { decorateListings, decorateWithContext } from './embedded-resources.js';

/** The deployed version resource (docs/broker-api.md#deployed-versions), with its pacticipant, version and environment embedded. */
export function decorateDeployedVersion(deployed: DeployedVersionListing, environment: EnvironmentRow, baseUrl: string): unknown {
  return decorateWithContext(decorate, deployed, environment, baseUrl);
}

/** A list of deployed versions under `_embedded.deployedVersions`. */
export function decorateDeployedVersions(
  list: readonly DeployedVersionListing[],
  self: { href: string; title: string },
  options: { embed: boolean },
  baseUrl: string,
): unknown {
  return decorateListings(decorate, 'deployedVersions', list, self, options, baseUrl);
}

function decorate(deployed: DeployedVersionListing, baseUrl: string, embedded: Record<string, unknown> | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { uuid: deployed.uuid, currentlyDeployed: deployed.currently_deployed };
  // `target` is the deprecated name of `applicationInstance`; both are omitted when there is no instance.
  if (deployed.target !== null) Object.assign(body, { target: deployed.target, applicationInstance: deployed.target });
  if (deployed.undeployed_at !== null) body.undeployedAt = formatTime(deployed.undeployed_at);
  if (embedded) body._embedded = embedded;
  return { ...body, ...timestamps(deployed), _links: { self: { href: deployedVersionUrl(baseUrl, deployed.uuid) } } };
}
