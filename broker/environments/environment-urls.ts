import { versionUrl } from '../hal/index.js';

/** The resource paths about environments, deployments and releases, absolute under `baseUrl` (RB `pact_broker_urls.rb`). */

export const environmentsUrl = (baseUrl: string) => `${baseUrl}/environments`;

export const environmentUrl = (baseUrl: string, uuid: string) => `${environmentsUrl(baseUrl)}/${uuid}`;

export const currentlyDeployedVersionsUrl = (baseUrl: string, environmentUuid: string) =>
  `${environmentUrl(baseUrl, environmentUuid)}/deployed-versions/currently-deployed`;

export const currentlySupportedVersionsUrl = (baseUrl: string, environmentUuid: string) =>
  `${environmentUrl(baseUrl, environmentUuid)}/released-versions/currently-supported`;

export const deployedVersionUrl = (baseUrl: string, uuid: string) => `${baseUrl}/deployed-versions/${uuid}`;

export const releasedVersionUrl = (baseUrl: string, uuid: string) => `${baseUrl}/released-versions/${uuid}`;

/** What a version's deployments or releases to one environment are addressed by. */
export interface VersionInEnvironment {
  pacticipantName: string;
  versionNumber: string;
  environmentUuid: string;
}

export const deployedVersionsForVersionUrl = (baseUrl: string, { pacticipantName, versionNumber, environmentUuid }: VersionInEnvironment) =>
  `${versionUrl(baseUrl, pacticipantName, versionNumber)}/deployed-versions/environment/${environmentUuid}`;

export const releasedVersionsForVersionUrl = (baseUrl: string, { pacticipantName, versionNumber, environmentUuid }: VersionInEnvironment) =>
  `${versionUrl(baseUrl, pacticipantName, versionNumber)}/released-versions/environment/${environmentUuid}`;
