import type { Db } from '../db/index.js';
import type { MatrixIntegration, MatrixResult } from './deployment-status.js';
import type { MatrixQuery, MatrixOptions } from './matrix-query.js';
import { findIntegrationsOfProviders, findMatrixRows, findPactIntegrations, type Party, type RowCriteria } from './matrix-repository.js';
import { applyLatestBy, applySuccessFilter, compareRows, splitIgnoredRows, type MatrixRow } from './matrix-rows.js';
import { onlyPacticipantNameSpecified, type ResolvedSelector } from './resolved-selector.js';
import { resolveIgnoreSelectors, resolveInferredSelectors, resolveSpecifiedSelectors } from './selector-resolver.js';

/**
 * The matrix for a validated query (`matrix/repository.rb#find`): resolves the selectors, finds the
 * integrations they involve, infers the other pacticipants' versions when the query names a
 * destination, then reads, reduces and splits the rows.
 */
export async function findMatrix(db: Db, { selectors, options }: MatrixQuery): Promise<MatrixResult> {
  const ignoreSelectors = await resolveIgnoreSelectors(db, options.ignoreSelectors);
  const specified = await resolveSpecifiedSelectors(db, selectors, ignoreSelectors);
  const infer = Boolean(options.latest || options.tag || options.environmentName || options.mainBranch);
  const integrations = await findIntegrations(db, specified, infer || specified.length === 1);
  const inferred = infer ? await resolveInferredSelectors(db, specified, integrations, options, ignoreSelectors) : [];
  const all = [...specified, ...inferred];
  const rows = applySuccessFilter(applyLatestBy(await findRows(db, all, limitOf(options)), options.latestby), options.success);
  const { considered, ignored } = splitIgnoredRows(rows, ignoreSelectors);
  return {
    selectors: all,
    ignoreSelectors,
    considered: considered.sort(compareRows),
    ignored: ignored.sort(compareRows),
    integrations,
    options,
  };
}

/**
 * Integrations involving any specified version (as consumer: providers of its pacts, required; as
 * provider: every consumer, not required), or, when nothing is inferred, those between the selectors.
 */
async function findIntegrations(db: Db, specified: readonly ResolvedSelector[], involvingAny: boolean): Promise<MatrixIntegration[]> {
  const pacticipantIds = specified.map((s) => s.pacticipantId);
  let integrations: MatrixIntegration[];
  if (involvingAny) {
    const asConsumer = (await findPactIntegrations(db, partyOf(specified))).map((i) => ({ ...i, required: true }));
    const asProvider = (await findIntegrationsOfProviders(db, pacticipantIds)).map((i) => ({ ...i, required: false }));
    integrations = [...asConsumer, ...asProvider].filter(
      (integration, index, list) =>
        list.findIndex((other) => other.consumerId === integration.consumerId && other.providerId === integration.providerId) === index,
    );
  } else {
    const specifiedNames = new Set(specified.map((s) => s.pacticipantName));
    integrations = (await findPactIntegrations(db, partyOf(specified), pacticipantIds)).map((i) => ({ ...i, required: specifiedNames.has(i.consumerName) }));
  }
  const key = (i: MatrixIntegration) => [i.consumerName, i.providerName];
  return integrations.sort((a, b) => compareNamePairs(key(a), key(b)));
}

/**
 * With one selector: the rows where it is the consumer (with any verification) and those where it is
 * the verifying provider. With several: pacts between them joined only to their verifications, so
 * that a pact no selected provider version verified still shows, unverified.
 */
async function findRows(db: Db, selectors: readonly ResolvedSelector[], limit: number): Promise<MatrixRow[]> {
  const party = partyOf(selectors);
  const [only] = selectors;
  if (selectors.length === 1 && only) {
    const asConsumer = await findMatrixRows(db, { consumers: party, verifiedOnly: false, limit });
    const asProvider = await findMatrixRows(db, { pactProviderIds: [only.pacticipantId], providers: party, verifiedOnly: true, limit });
    const seen = new Set(asConsumer.map(rowKey));
    return [...asConsumer, ...asProvider.filter((row) => !seen.has(rowKey(row)))];
  }
  const pacticipantIds = [...new Set(selectors.map((s) => s.pacticipantId))];
  const criteria: RowCriteria = {
    consumers: party,
    pactProviderIds: pacticipantIds,
    providers: party,
    verificationConsumerIds: pacticipantIds,
    involving: [...new Set(selectors.filter((s) => s.type === 'specified').map((s) => s.pacticipantId))],
    verifiedOnly: false,
    limit,
  };
  return findMatrixRows(db, criteria);
}

/** Name-only selectors cover every version of their pacticipant; the others their one version. */
function partyOf(selectors: readonly ResolvedSelector[]): Party {
  const nameOnly = selectors.filter(onlyPacticipantNameSpecified);
  const versioned = selectors.filter((s) => !onlyPacticipantNameSpecified(s));
  return {
    pacticipantIds: [...new Set(nameOnly.map((s) => s.pacticipantId))],
    versionIds: [...new Set(versioned.flatMap((s) => (s.versionId === undefined ? [] : [s.versionId])))],
  };
}

function rowKey(row: MatrixRow): string {
  return `${row.pactPublicationId}:${row.verificationId ?? ''}`;
}

function limitOf(options: MatrixOptions): number {
  return Number.parseInt(options.limit, 10);
}

function compareNamePairs(a: string[], b: string[]): number {
  const [a0 = '', a1 = ''] = a;
  const [b0 = '', b1 = ''] = b;
  return a0 < b0 ? -1 : a0 > b0 ? 1 : a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}
