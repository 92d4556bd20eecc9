import type { LatestBy } from './matrix-query.js';
import { onlyPacticipantNameSpecified, type ResolvedSelector } from './resolved-selector.js';

/** One line of the matrix: a pact of a consumer version and, if any, a verification of its content by a provider version. */
export interface MatrixRow {
  consumerId: number;
  consumerName: string;
  consumerVersionId: number;
  consumerVersionNumber: string;
  consumerVersionOrder: number;
  providerId: number;
  providerName: string;
  providerVersionId: number | null;
  providerVersionNumber: string | null;
  providerVersionOrder: number | null;
  pactPublicationId: number;
  pactRevisionNumber: number;
  pactCreatedAt: string;
  sha: string;
  verificationId: number | null;
  verificationNumber: number | null;
  /** Null: no verification by a selected provider version. */
  success: boolean | null;
  verificationExecutedAt: string | null;
  /** The verifier's `verifiedBy.implementation`: tells a cross-contract comparison's result (issue 15) from others. */
  verifiedBy?: string | null;
}

const GROUP_KEYS: Record<LatestBy, (row: MatrixRow) => unknown[]> = {
  cvpv: (row) => [row.consumerName, row.consumerVersionNumber, row.providerName, row.providerVersionNumber],
  cvp: (row) => [row.consumerName, row.consumerVersionNumber, row.providerName],
  cp: (row) => [row.consumerName, row.providerName],
};

/** Keeps one row per group: the newest provider version's; an unverified group keeps its first row. */
export function applyLatestBy(rows: readonly MatrixRow[], latestby: LatestBy | undefined): MatrixRow[] {
  if (latestby === undefined) return [...rows];
  const groups = new Map<string, MatrixRow[]>();
  for (const row of rows) {
    const key = JSON.stringify(GROUP_KEYS[latestby](row));
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [MatrixRow, ...MatrixRow[]];
    if (first.providerVersionNumber === null) return first;
    return group.reduce((newest, row) => ((row.providerVersionOrder ?? 0) > (newest.providerVersionOrder ?? 0) ? row : newest));
  });
}

export function applySuccessFilter(rows: readonly MatrixRow[], success: readonly (boolean | null)[] | undefined): MatrixRow[] {
  return success === undefined ? [...rows] : rows.filter((row) => success.includes(row.success));
}

/** Splits rows into those that count and those an ignore selector covers (`matrix/row_ignorer.rb`). */
export function splitIgnoredRows(rows: readonly MatrixRow[], ignoreSelectors: readonly ResolvedSelector[]): { considered: MatrixRow[]; ignored: MatrixRow[] } {
  const covers = (pacticipantId: number, versionId: number | null) =>
    ignoreSelectors.some((s) => s.pacticipantId === pacticipantId && (onlyPacticipantNameSpecified(s) || s.versionId === versionId));
  const considered: MatrixRow[] = [];
  const ignored: MatrixRow[] = [];
  for (const row of rows) {
    (covers(row.consumerId, row.consumerVersionId) || covers(row.providerId, row.providerVersionId) ? ignored : considered).push(row);
  }
  return { considered, ignored };
}

/** The Ruby broker's row order: consumer name, newest consumer version and revision, provider name, newest provider version and verification. */
export function compareRows(a: MatrixRow, b: MatrixRow): number {
  return (
    compareNames(a.consumerName, b.consumerName) ||
    descending(a.consumerVersionOrder, b.consumerVersionOrder) ||
    descending(a.pactRevisionNumber, b.pactRevisionNumber) ||
    compareNames(a.providerName, b.providerName) ||
    descending(a.providerVersionOrder, b.providerVersionOrder) ||
    descending(a.verificationId, b.verificationId)
  );
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Higher numbers first; a missing number (no verification) before any. */
function descending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return b - a;
}
