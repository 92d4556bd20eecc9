import { formatTime } from '../hal/index.js';
import { pactName } from '../pacts/index.js';
import type { PactRow } from '../pacts/index.js';
import { pactVersionUrlFor, verificationUrl } from './verification-urls.js';
import type { VerificationDetails } from './verification-repository.js';

/** The pact a verification is shown with: the one its URL named, else the latest with its content. */
export type VerifiedPact = Pick<PactRow, 'consumerName' | 'consumerVersionNumber' | 'providerName'>;

/**
 * A verification result (docs/broker-api.md#verification-rules): null properties omitted, `verifiedBy` with the
 * snake_case keys the Ruby broker renders (sic).
 */
export function decorateVerification(verification: VerificationDetails, pact: VerifiedPact, baseUrl: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    providerName: verification.providerName,
    providerApplicationVersion: verification.providerVersionNumber,
    success: verification.success,
    verificationDate: formatTime(verification.executionDate),
  };
  if (verification.buildUrl !== null) body.buildUrl = verification.buildUrl;
  if (verification.testResults !== null) body.testResults = JSON.parse(verification.testResults) as unknown;
  body.verifiedBy = withoutNulls({
    implementation: verification.verifiedByImplementation,
    version: verification.verifiedByVersion,
    client_implementation: verification.verifiedByClientImplementation,
    client_test_framework: verification.verifiedByClientTestFramework,
    client_version: verification.verifiedByClientVersion,
  });
  const self = verificationUrl(baseUrl, verification);
  body._links = {
    self: { title: 'Verification result', name: `Verification result ${verification.number} for ${pactName(pact)}`, href: self },
    'pb:pact-version': { title: 'Pact', name: pactName(pact), href: pactVersionUrlFor(baseUrl, verification, pact.consumerVersionNumber) },
    'pb:triggered-webhooks': { title: 'Webhooks triggered by the publication of this verification result', href: `${self}/triggered-webhooks` },
  };
  return body;
}

/** `GET /verification-results/consumer/{c}/version/{v}/latest`: the latest result of each pact of the consumer version. */
export function decorateVerificationSummary(
  consumerVersion: { consumerName: string; consumerVersionNumber: string; providerNames: readonly string[] },
  verifications: readonly VerificationDetails[],
  selfUrl: string,
  baseUrl: string,
): Record<string, unknown> {
  const { consumerName, consumerVersionNumber, providerNames } = consumerVersion;
  const verified = new Set(verifications.map((verification) => verification.providerName));
  const successful = verifications.filter((verification) => verification.success).map((verification) => verification.providerName);
  return {
    success: successful.length === providerNames.length,
    providerSummary: {
      successful,
      failed: verifications.filter((verification) => !verification.success).map((verification) => verification.providerName),
      unknown: providerNames.filter((name) => !verified.has(name)),
    },
    _embedded: {
      verificationResults: verifications.map((verification) =>
        decorateVerification(verification, { consumerName, consumerVersionNumber, providerName: verification.providerName }, baseUrl),
      ),
    },
    _links: { self: { href: selfUrl, title: `Latest verification results for consumer ${consumerName} version ${consumerVersionNumber}` } },
  };
}

function withoutNulls(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null));
}
