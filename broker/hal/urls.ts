import { urlEncode } from './url-encoding.js';

/** The resource paths of the broker's API, absolute under `baseUrl`, names encoded as the Ruby broker does. */

/** What identifies one pact publication in a URL. */
export interface PactCoordinates {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
  sha: string;
}

export const pacticipantsUrl = (baseUrl: string) => `${baseUrl}/pacticipants`;

export const pacticipantUrl = (baseUrl: string, name: string) => `${pacticipantsUrl(baseUrl)}/${urlEncode(name)}`;

export const versionUrl = (baseUrl: string, pacticipantName: string, versionNumber: string) =>
  `${pacticipantUrl(baseUrl, pacticipantName)}/versions/${urlEncode(versionNumber)}`;

export const tagUrl = (baseUrl: string, pacticipantName: string, versionNumber: string, tagName: string) =>
  `${versionUrl(baseUrl, pacticipantName, versionNumber)}/tags/${urlEncode(tagName)}`;

export const branchUrl = (baseUrl: string, pacticipantName: string, branchName: string) =>
  `${pacticipantUrl(baseUrl, pacticipantName)}/branches/${urlEncode(branchName)}`;

export const branchVersionUrl = (baseUrl: string, pacticipantName: string, branchName: string, versionNumber: string) =>
  `${branchUrl(baseUrl, pacticipantName, branchName)}/versions/${urlEncode(versionNumber)}`;

/** `/pacts/provider/P/consumer/C`: the root of every URL about one integration's pacts. */
export const integrationPactsUrl = (baseUrl: string, consumerName: string, providerName: string) =>
  `${baseUrl}/pacts/provider/${urlEncode(providerName)}/consumer/${urlEncode(consumerName)}`;

export const pactUrl = (baseUrl: string, pact: Omit<PactCoordinates, 'sha'>) =>
  `${integrationPactsUrl(baseUrl, pact.consumerName, pact.providerName)}/version/${urlEncode(pact.consumerVersionNumber)}`;

export const pactVersionUrl = (baseUrl: string, pact: Omit<PactCoordinates, 'consumerVersionNumber'>) =>
  `${integrationPactsUrl(baseUrl, pact.consumerName, pact.providerName)}/pact-version/${pact.sha}`;

export const latestPactUrl = (baseUrl: string, consumerName: string, providerName: string) =>
  `${integrationPactsUrl(baseUrl, consumerName, providerName)}/latest`;

export const latestPactsUrl = (baseUrl: string) => `${baseUrl}/pacts/latest`;
