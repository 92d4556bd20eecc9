import type { MatrixOptions } from './matrix-query.js';
import type { MatrixRow } from './matrix-rows.js';
import {
  describeMissingVersion,
  describeSelector,
  onlyPacticipantNameSpecified,
  pacticipantExists,
  versionExists,
  type ResolvedSelector,
} from './resolved-selector.js';

/** A consumer/provider pair the query involves; required when the consumer is specified, as it needs its provider deployed. */
export interface MatrixIntegration {
  consumerId: number;
  consumerName: string;
  providerId: number;
  providerName: string;
  required: boolean;
}

/** What the matrix found for a query, before it is judged. */
export interface MatrixResult {
  /** Specified, then inferred. */
  selectors: ResolvedSelector[];
  ignoreSelectors: ResolvedSelector[];
  considered: MatrixRow[];
  ignored: MatrixRow[];
  integrations: MatrixIntegration[];
  options: MatrixOptions;
  /** Why failed rows that are cross-contract comparisons failed, by verification id (issue 15). */
  crossContractFailures?: ReadonlyMap<number, string>;
}

/** A notice of the summary; its text also goes into `summary.reason`. */
export interface Reason {
  type: 'error' | 'warning' | 'success';
  text: string;
}

export interface DeploymentStatus {
  deployable: boolean | null;
  reasons: Reason[];
  counts: { success: number; failed: number; unknown: number; ignored?: number };
}

/** The can-i-deploy decision, its reasons and counts (`matrix/deployment_status_summary.rb`, `reason_decorator.rb`). */
export function summarizeDeploymentStatus(result: MatrixResult): DeploymentStatus {
  const { considered, ignored, selectors, ignoreSelectors, integrations } = result;
  const allRows = [...considered, ...ignored];
  const missingIntegrations = integrations.filter(
    (integration) => integration.required && !allRows.some((row) => row.consumerId === integration.consumerId && row.providerId === integration.providerId),
  );
  const missingSpecified = selectors.filter((s) => s.type === 'specified' && !s.ignore && !versionExists(s));
  const unverified = considered.filter((row) => row.success === null);
  const counts: DeploymentStatus['counts'] = {
    success: considered.filter((row) => row.success === true).length,
    failed: considered.filter((row) => row.success === false).length,
    unknown: missingIntegrations.length + unverified.length,
  };
  if (ignoreSelectors.length > 0) counts.ignored = ignored.length;
  const errors = errorReasons(result, missingSpecified, missingIntegrations);
  const reasons = [...warningReasons(result), ...(errors.length > 0 ? errors : successReasons(considered, missingIntegrations))];
  return { deployable: deployable(considered, missingSpecified, missingIntegrations), reasons, counts };
}

function deployable(considered: MatrixRow[], missingSpecified: ResolvedSelector[], missingIntegrations: MatrixIntegration[]): boolean | null {
  if (missingSpecified.length > 0) return false;
  if (considered.some((row) => row.success === null)) return null;
  if (missingIntegrations.length > 0) return null;
  return considered.every((row) => row.success === true);
}

function warningReasons({ selectors, ignoreSelectors, options }: MatrixResult): Reason[] {
  const warnings = ignoreSelectors
    .filter((s) => !pacticipantExists(s) || !versionExists(s))
    .map((s) => warning(`WARN: Cannot ignore ${describeSelector(s)}`));
  const specified = selectors.filter((s) => s.type === 'specified');
  if (specified.length === 1 && !(options.tag || options.environmentName || options.mainBranch)) {
    warnings.push(warning('WARN: It is recommended to specify the environment into which you are deploying. Without the environment, this result will not be reliable.'));
  }
  const withVersionCriteria = specified.filter((s) => !onlyPacticipantNameSpecified(s));
  if (withVersionCriteria.length > 0 && !specified.some((s) => s.original.versionNumber !== undefined)) {
    warnings.push(
      warning(
        'WARN: It is recommended to specify the version number (rather than the tag or branch) of the pacticipant you wish to deploy to avoid race conditions. Without a version number, this result will not be reliable.',
      ),
    );
  }
  return warnings;
}

function errorReasons(result: MatrixResult, missingSpecified: ResolvedSelector[], missingIntegrations: MatrixIntegration[]): Reason[] {
  if (missingSpecified.length > 0) return unique(missingSpecified.map((s) => error(describeMissingVersion(s))));
  const selectorFor = selectorLookup(result);
  const between = (consumer: ResolvedSelector, provider: ResolvedSelector) => `${describeSelector(consumer)} and ${describeSelector(provider)}`;
  const rowSelectors = (row: MatrixRow) => between(selectorFor(row.consumerName, row.consumerVersionNumber), selectorFor(row.providerName, row.providerVersionNumber));
  return unique([
    ...missingIntegrations.map((i) => error(`There is no verified pact between ${between(selectorFor(i.consumerName, null), selectorFor(i.providerName, null))}`)),
    ...result.considered.filter((row) => row.success === false).map((row) => error(`The verification for the pact between ${rowSelectors(row)} failed${crossContractDetail(result, row)}`)),
    ...result.considered.filter((row) => row.success === null).map((row) => error(`There is no verified pact between ${rowSelectors(row)}`)),
  ]);
}

function successReasons(considered: MatrixRow[], missingIntegrations: MatrixIntegration[]): Reason[] {
  if (!considered.every((row) => row.success === true) || missingIntegrations.length > 0) return [];
  return [{ type: 'success', text: considered.length > 0 ? 'All required verification results are published and successful' : 'There are no missing dependencies' }];
}

/**
 * The selector a row's pacticipant came from: the only one with its name, else the one with its version,
 * else a stand-in built from the rows and integrations (a pacticipant the query named without a version).
 */
function selectorLookup({ selectors, considered, integrations }: MatrixResult): (name: string, versionNumber: string | null) => ResolvedSelector {
  const standIn = (pacticipantId: number, pacticipantName: string, versionId?: number, versionNumber?: string): ResolvedSelector => ({
    pacticipantId,
    pacticipantName,
    ...(versionId === undefined ? {} : { versionId, versionNumber }),
    type: 'inferred',
    ignore: false,
    oneOfMany: false,
    original: {},
  });
  const standIns = [
    ...considered.flatMap((row) => [
      standIn(row.consumerId, row.consumerName, row.consumerVersionId, row.consumerVersionNumber),
      row.providerVersionId === null || row.providerVersionNumber === null
        ? standIn(row.providerId, row.providerName)
        : standIn(row.providerId, row.providerName, row.providerVersionId, row.providerVersionNumber),
    ]),
    ...integrations.flatMap((i) => [standIn(i.consumerId, i.consumerName), standIn(i.providerId, i.providerName)]),
  ];
  return (name, versionNumber) => {
    const found = selectors.filter((s) => s.pacticipantName === name);
    if (found.length === 1) return found[0] as ResolvedSelector;
    const byVersion = versionNumber === null ? undefined : found.find((s) => s.versionNumber === versionNumber);
    const fallback = standIns.find((s) => s.pacticipantName === name);
    if (!byVersion && !fallback) throw new Error(`No selector describes ${name}`);
    return (byVersion ?? fallback) as ResolvedSelector;
  };
}

/** Issue 15: a failed cross-contract comparison names its mismatches after the Ruby broker's text. */
function crossContractDetail({ crossContractFailures }: MatrixResult, row: MatrixRow): string {
  const detail = row.verificationId === null ? undefined : crossContractFailures?.get(row.verificationId);
  return detail === undefined ? '' : ` (cross-contract comparison with the provider contract: ${detail})`;
}

function error(text: string): Reason {
  return { type: 'error', text };
}

function warning(text: string): Reason {
  return { type: 'warning', text };
}

function unique(reasons: Reason[]): Reason[] {
  return reasons.filter((reason, index) => reasons.findIndex((other) => other.text === reason.text) === index);
}
