import { urlEncode } from './url-encoding.js';

/** `/contracts/bi-directional/provider/P/version/V`: PactFlow's root of a provider version's bi-directional resources (issue 15). */
export const providerContractVersionUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${baseUrl}/contracts/bi-directional/provider/${urlEncode(providerName)}/version/${urlEncode(versionNumber)}`;

export const providerContractUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${providerContractVersionUrl(baseUrl, providerName, versionNumber)}/provider-contract`;

export const selfVerificationUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${providerContractVersionUrl(baseUrl, providerName, versionNumber)}/provider-contract-verification-results`;

export const crossContractResultsUrl = (baseUrl: string, providerName: string, versionNumber: string) =>
  `${providerContractVersionUrl(baseUrl, providerName, versionNumber)}/cross-contract-verification-results`;

/** `…/provider/P/version/V/consumer/C/version/CV`: PactFlow's root of one consumer version's bi-directional resources with a provider version. */
export const contractPairUrl = (baseUrl: string, pair: { providerName: string; providerVersionNumber: string; consumerName: string; consumerVersionNumber: string }) =>
  `${providerContractVersionUrl(baseUrl, pair.providerName, pair.providerVersionNumber)}/consumer/${urlEncode(pair.consumerName)}/version/${urlEncode(pair.consumerVersionNumber)}`;

/** The `pf:` links to a provider version's bi-directional resources, as the version resource and every bi-directional resource carry them. */
export function providerContractLinks(baseUrl: string, providerName: string, versionNumber: string) {
  return {
    'pf:provider-contract': { title: 'Provider contract', href: providerContractUrl(baseUrl, providerName, versionNumber) },
    'pf:provider-contract-verification-results': { title: 'Provider contract self-verification results', href: selfVerificationUrl(baseUrl, providerName, versionNumber) },
    'pf:cross-contract-verification-results': { title: 'Cross-contract verification results', href: crossContractResultsUrl(baseUrl, providerName, versionNumber) },
  };
}
