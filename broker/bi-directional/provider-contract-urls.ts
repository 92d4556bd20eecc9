import { urlEncode } from '../hal/url-encoding.js';

/** `/contracts/bi-directional/provider/P/version/V`: PactFlow's root of a provider version's bi-directional resources (issue 15). */
export const providerContractVersionUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${baseUrl}/contracts/bi-directional/provider/${urlEncode(providerName)}/version/${urlEncode(versionNumber)}`;

export const providerContractUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${providerContractVersionUrl(baseUrl, providerName, versionNumber)}/provider-contract`;

export const selfVerificationUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${providerContractVersionUrl(baseUrl, providerName, versionNumber)}/provider-contract-verification-results`;

export const crossContractResultsUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${providerContractVersionUrl(baseUrl, providerName, versionNumber)}/cross-contract-verification-results`;
