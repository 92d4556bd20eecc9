import { pactVersionUrl, versionUrl, contractPairUrl } from '../hal/index.js';
import { verificationStatus, type ContractPair } from './contract-pair.js';
import type { Mismatch } from './cross-contract-comparator.js';

/** The comparator named as the verifier of cross-contract results. */
const COMPARATOR = '@pactflow/openapi-pact-comparator';

/** What every resource of a pair carries (PactFlow's shape: `verificationStatus`, `_actions`, `_embedded`, `_links`), around its own fields. */
function pairResource(pair: ContractPair, baseUrl: string, resource: string, fields: Record<string, unknown>): unknown {
  const root = contractPairUrl(baseUrl, pair);
  const providerVersion = { number: pair.providerVersionNumber, _links: { self: { href: versionUrl(baseUrl, pair.providerName, pair.providerVersionNumber) } } };
  const consumerVersion = { number: pair.consumerVersionNumber, _links: { self: { href: versionUrl(baseUrl, pair.consumerName, pair.consumerVersionNumber) } } };
  return {
    verificationStatus: verificationStatus(pair),
    ...fields,
    _actions: [],
    _embedded: { providerVersion, consumerVersion },
    _links: {
      self: { href: `${root}/${resource}` },
      'pf:provider-contract': { title: 'Provider contract', href: `${root}/provider-contract` },
      'pf:provider-contract-verification-results': { title: 'Provider contract self-verification results', href: `${root}/provider-contract-verification-results` },
      'pf:consumer-contract': { title: 'Consumer contract', href: `${root}/consumer-contract` },
      'pf:cross-contract-verification-results': { title: 'Cross-contract verification results', href: `${root}/cross-contract-verification-results` },
      'pb:pact-version': { title: 'Pact', href: pactVersionUrl(baseUrl, { consumerName: pair.consumerName, providerName: pair.providerName, sha: pair.pact.sha }) },
    },
  };
}

/** `…/consumer/C/version/CV/provider-contract`: the provider version's document. */
export const decoratePairProviderContract = (pair: ContractPair, baseUrl: string) =>
  pairResource(pair, baseUrl, 'provider-contract', { content: pair.contract.content, contractType: pair.contract.specification, contentType: pair.contract.content_type, createdAt: pair.contract.created_at });

/** `…/provider-contract-verification-results`: the provider's self-verification. */
export const decoratePairSelfVerification = (pair: ContractPair, baseUrl: string) =>
  pairResource(pair, baseUrl, 'provider-contract-verification-results', {
    success: pair.contract.self_verification_success === 1,
    content: pair.contract.self_verification_content,
    contentType: pair.contract.self_verification_content_type,
    format: pair.contract.self_verification_format,
    verifier: pair.contract.verifier,
    verifierVersion: pair.contract.verifier_version,
  });

/** `…/consumer-contract`: the consumer version's pact with the provider. */
export const decoratePairConsumerContract = (pair: ContractPair, baseUrl: string) =>
  pairResource(pair, baseUrl, 'consumer-contract', { content: pair.pactContent, contractType: 'pact', contentType: 'application/json', createdAt: pair.pact.createdAt });

/** `…/cross-contract-verification-results`: the comparison and its mismatches; `success` null while not compared yet. */
export const decoratePairCrossContract = (pair: ContractPair, baseUrl: string) =>
  pairResource(pair, baseUrl, 'cross-contract-verification-results', {
    success: pair.comparison ? pair.comparison.success === 1 : null,
    mismatches: pair.comparison ? (JSON.parse(pair.comparison.mismatches) as Mismatch[]) : [],
    verificationDate: pair.comparison?.created_at ?? null,
    verifier: COMPARATOR,
  });
