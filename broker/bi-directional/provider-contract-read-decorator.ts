import { pactVersionUrl, versionUrl, crossContractResultsUrl, providerContractLinks, providerContractUrl, selfVerificationUrl } from '../hal/index.js';
import type { Mismatch } from './cross-contract-comparator.js';
import type { findComparisonsOfContract, ProviderContractRow } from './provider-contract-repository.js';

type ComparisonWithNames = Awaited<ReturnType<typeof findComparisonsOfContract>>[number];

/** The links every bi-directional resource of a provider version carries. */
function links(baseUrl: string, providerName: string, versionNumber: string, self: string) {
  return {
    self: { href: self },
    'pb:pacticipant-version': { title: 'Pacticipant version', name: versionNumber, href: versionUrl(baseUrl, providerName, versionNumber) },
    ...providerContractLinks(baseUrl, providerName, versionNumber),
  };
}

/** `…/provider-contract`: the document as published. */
export function decorateProviderContract(contract: ProviderContractRow, providerName: string, versionNumber: string, baseUrl: string): unknown {
  return {
    content: contract.content,
    contractType: contract.specification,
    contentType: contract.content_type,
    createdAt: contract.created_at,
    _links: links(baseUrl, providerName, versionNumber, providerContractUrl(baseUrl, providerName, versionNumber)),
  };
}

/** `…/provider-contract-verification-results`: the provider's self-verification. */
export function decorateSelfVerification(contract: ProviderContractRow, providerName: string, versionNumber: string, baseUrl: string): unknown {
  return {
    success: contract.self_verification_success === 1,
    content: contract.self_verification_content,
    contentType: contract.self_verification_content_type,
    format: contract.self_verification_format,
    verifier: contract.verifier,
    verifierVersion: contract.verifier_version,
    _links: links(baseUrl, providerName, versionNumber, selfVerificationUrl(baseUrl, providerName, versionNumber)),
  };
}

/** `…/cross-contract-verification-results`: each consumer pact content compared with this document, and its mismatches. */
export function decorateCrossContractResults(comparisons: readonly ComparisonWithNames[], providerName: string, versionNumber: string, baseUrl: string): unknown {
  return {
    results: comparisons.map((comparison) => ({
      consumerName: comparison.consumer_name,
      success: comparison.success === 1,
      mismatches: JSON.parse(comparison.mismatches) as Mismatch[],
      comparedAt: comparison.created_at,
      _links: { 'pb:pact-version': { href: pactVersionUrl(baseUrl, { consumerName: comparison.consumer_name, providerName: comparison.provider_name, sha: comparison.sha }) } },
    })),
    _links: links(baseUrl, providerName, versionNumber, crossContractResultsUrl(baseUrl, providerName, versionNumber)),
  };
}
