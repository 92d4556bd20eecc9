import { pactVersionUrl } from '../hal/index.js';
import { pactName, encodeMetadata, type PactMetadata } from '../pacts/index.js';
import { buildNotices, shortDescription, type VerificationNotice } from './verifiable-pact-messages.js';
import type { VerifiablePact } from './verifiable-pact.js';

export interface VerifiablePactsDecoration {
  baseUrl: string;
  /** The resource's URL, without query. */
  selfUrl: string;
  includePendingStatus: boolean;
  /** The GET form, which the Ruby broker answers with a deprecation warning first. */
  deprecated: boolean;
}

const DEPRECATION_WARNING: VerificationNotice = {
  when: 'before_verification',
  text: 'WARNING - this version of the Pact library uses a beta version of the API which will be removed in the future. Please upgrade your Pact library. See https://docs.pact.io/pact_broker/advanced_topics/provider_verification_results/#pacts-for-verification for minimum required versions.',
};

/** The pacts-for-verification answer (docs/broker-api.md#the-verification-answer), as the Ruby broker's VerifiablePactsDecorator renders it. */
export function decorateVerifiablePacts(pacts: readonly VerifiablePact[], decoration: VerifiablePactsDecoration): Record<string, unknown> {
  return {
    _embedded: { pacts: pacts.map((pact) => decorateVerifiablePact(pact, decoration)) },
    _links: { self: { href: decoration.selfUrl, title: 'Pacts to be verified' } },
  };
}

function decorateVerifiablePact(pact: VerifiablePact, { baseUrl, includePendingStatus, deprecated }: VerifiablePactsDecoration): Record<string, unknown> {
  const permalink = pactVersionUrl(baseUrl, pact.pact);
  // The notices name the permalink; a WIP pact's carries its WIP mark, as the Ruby broker's does.
  const noticeUrl = pact.wip ? `${permalink}/metadata/${encodeMetadata({ wip: true })}` : permalink;
  const notices = buildNotices(pact, noticeUrl, includePendingStatus);
  const properties: Record<string, unknown> = {};
  if (includePendingStatus) properties.pending = pact.pending;
  if (pact.wip) properties.wip = true;
  properties.notices = deprecated ? [DEPRECATION_WARNING, ...notices] : notices;
  return {
    shortDescription: shortDescription(pact),
    verificationProperties: properties,
    _links: { self: { href: `${permalink}/metadata/${encodeMetadata(selfMetadata(pact))}`, name: pactName(pact.pact) } },
  };
}

/**
 * WIP pacts carry `w`; the others the selectors that picked them and whether they were pending
 * (`pacts/metadata.rb#build_metadata_for_pact_for_verification`). The verifier posts its results
 * under this URL, so the broker learns from it how the pact was verified.
 */
function selfMetadata(pact: VerifiablePact): PactMetadata {
  if (pact.wip) return { wip: true };
  return {
    selectors: pact.selectors.map((selector) => ({
      branch: typeof selector.branch === 'string' ? selector.branch : undefined,
      tag: selector.tag,
      latest: selector.latest,
      environment: selector.environmentName,
      consumerVersionId: selector.consumerVersion.id,
    })),
    pending: pact.pending,
  };
}
