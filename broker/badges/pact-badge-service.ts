import type { Db } from '../db/index.js';
import { findLatestPact, type PactRow } from '../pacts/index.js';
import { findLatestVerificationForTags, findLatestVerificationOfIntegration, type BadgeVerification } from './badge-repository.js';
import type { Badge } from './badge-svg.js';
import { PACT_NOT_FOUND_BADGE, pactBadge, pactStatus, type LabelOptions, type PactBadgeNames } from './badge-texts.js';

/** A pact badge as the URL names it: the integration, and for the latest pact of a tag, the tag. */
export interface PactBadgeRequest extends LabelOptions {
  consumerName: string;
  providerName: string;
  consumerTag?: string;
}

/** The matrix badge: the latest pact with the consumer tag, as verified by provider versions with the provider tag. */
export interface MatrixBadgeRequest extends PactBadgeRequest {
  consumerTag: string;
  providerTag: string;
}

/** A badge and a note of the versions it reports on, for the SVG's comment. */
export interface ReportedBadge {
  badge: Badge;
  note: string;
}

/** The badge of the latest pact (with the tag): its verification status (`api/resources/badge.rb`). */
export async function latestPactBadge(db: Db, request: PactBadgeRequest): Promise<ReportedBadge> {
  const pact = await findLatestPact(db, { consumerName: request.consumerName, providerName: request.providerName, tag: request.consumerTag });
  const verification = pact && (await findLatestVerificationOfIntegration(db, { ...integrationOf(pact), consumerTag: request.consumerTag }));
  // The tag selects the pact; unlike the matrix badge's, it is not shown.
  return report(request, pact, verification, {});
}

/** The badge of the latest pact with the consumer tag, verified by the provider tag (`api/resources/matrix_badge.rb`). */
export async function matrixBadge(db: Db, request: MatrixBadgeRequest): Promise<ReportedBadge> {
  const pact = await findLatestPact(db, { consumerName: request.consumerName, providerName: request.providerName, tag: request.consumerTag });
  const verification = pact && (await findLatestVerificationForTags(db, { ...integrationOf(pact), consumerTag: request.consumerTag }, request.providerTag));
  return report(request, pact, verification, { consumerTag: request.consumerTag, providerTag: request.providerTag });
}

function integrationOf(pact: PactRow) {
  return { consumerId: pact.consumerId, providerId: pact.providerId };
}

function report(
  request: PactBadgeRequest,
  pact: PactRow | undefined,
  verification: BadgeVerification | undefined,
  shownTags: Pick<PactBadgeNames, 'consumerTag' | 'providerTag'>,
): ReportedBadge {
  const badge = pact
    ? pactBadge({ consumerName: pact.consumerName, providerName: pact.providerName, ...shownTags }, pactStatus(pact.sha, verification), request)
    : PACT_NOT_FOUND_BADGE;
  // As the Ruby broker's comment reads, "?" for what was not found.
  const note = [
    `${request.consumerName} version ${pact?.consumerVersionNumber ?? '?'} revision ${pact?.revisionNumber ?? '?'}`,
    `${request.providerName} version ${verification?.providerVersionNumber ?? '?'} number ${verification?.number ?? '?'}`,
  ].join(' ');
  return { badge, note };
}
