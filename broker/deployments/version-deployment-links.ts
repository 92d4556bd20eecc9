import type { Db, EnvironmentRow } from '../db/index.js';
import type { HalLink } from '../hal/index.js';
import { environmentDisplayName, deployedVersionsForVersionUrl, deployedVersionUrl, releasedVersionsForVersionUrl, releasedVersionUrl } from '../environments/index.js';
import { listDeploymentsOfVersion, type DeployedVersionListing } from './deployed-version-repository.js';
import { listReleasesOfVersion, type ReleasedVersionListing } from './released-version-repository.js';

/** What the version resource shows about environments: every environment, and the version's deployments and releases. */
export interface VersionDeployments {
  environments: EnvironmentRow[];
  deployedVersions: DeployedVersionListing[];
  releasedVersions: ReleasedVersionListing[];
}

/** The version's deployments and releases, shown with `environments` (every environment, listed once per response). */
export async function findVersionDeployments(db: Db, versionId: number, environments: EnvironmentRow[]): Promise<VersionDeployments> {
  return {
    environments,
    deployedVersions: await listDeploymentsOfVersion(db, versionId),
    releasedVersions: await listReleasesOfVersion(db, versionId),
  };
}

type DeploymentLink = HalLink & { currently_deployed?: boolean; application_instance?: string; currently_supported?: boolean };

/**
 * The version resource's environment relations (docs/broker-api.md#versions). `pb:record-deployment` and
 * `pb:record-release` list every environment, `[]` when there is none: the CLI requires both arrays
 * and picks the entry whose `name` is the environment's name. In a versions collection the Ruby
 * resource gives no environments and deployments grouped by version id, so only a version's
 * non-empty deployed/released lists appear there (issue 14, item 2).
 */
export function versionDeploymentLinks(
  deployments: VersionDeployments,
  pacticipantName: string,
  versionNumber: string,
  baseUrl: string,
  inCollection = false,
): Record<string, DeploymentLink[]> {
  const links = allDeploymentLinks(deployments, pacticipantName, versionNumber, baseUrl);
  if (!inCollection) return links;
  const { 'pb:deployed-environments': deployed, 'pb:released-environments': released } = links;
  return { ...(deployed?.length ? { 'pb:deployed-environments': deployed } : {}), ...(released?.length ? { 'pb:released-environments': released } : {}) };
}

function allDeploymentLinks(
  { environments, deployedVersions, releasedVersions }: VersionDeployments,
  pacticipantName: string,
  versionNumber: string,
  baseUrl: string,
): Record<string, DeploymentLink[]> {
  const byId = new Map(environments.map((environment) => [environment.id, environment]));
  const displayNameOf = (environmentId: number) => {
    const environment = byId.get(environmentId);
    return environment ? environmentDisplayName(environment) : '';
  };
  const at = (environment: EnvironmentRow) => ({ pacticipantName, versionNumber, environmentUuid: environment.uuid });
  return {
    'pb:deployed-environments': deployedVersions.map((deployed) => ({
      title: `Version deployed to ${displayNameOf(deployed.environment_id)}`,
      name: displayNameOf(deployed.environment_id),
      href: deployedVersionUrl(baseUrl, deployed.uuid),
      currently_deployed: deployed.currently_deployed,
      ...(deployed.target === null ? {} : { application_instance: deployed.target }),
    })),
    'pb:released-environments': releasedVersions.map((released) => ({
      title: `Version released to ${displayNameOf(released.environment_id)}`,
      name: displayNameOf(released.environment_id),
      href: releasedVersionUrl(baseUrl, released.uuid),
      currently_supported: released.support_ended_at === null,
    })),
    'pb:record-deployment': environments.map((environment) => ({
      title: `Record deployment to ${environmentDisplayName(environment)}`,
      name: environment.name,
      href: deployedVersionsForVersionUrl(baseUrl, at(environment)),
    })),
    'pb:record-release': environments.map((environment) => ({
      title: `Record release to ${environmentDisplayName(environment)}`,
      name: environment.name,
      href: releasedVersionsForVersionUrl(baseUrl, at(environment)),
    })),
  };
}
