import type { Db } from '../db/index.js';
import type { MatrixRow } from '../matrix/index.js';
import { describeMismatch, type Mismatch } from './cross-contract-comparator.js';
import { CROSS_CONTRACT_VERIFIER, findComparisonsOfVerifications } from './provider-contract-repository.js';

/**
 * Why each failed row that is a cross-contract comparison failed, by verification id: the provider's
 * self-verification, and each mismatch with its interaction and OpenAPI path (issue 15).
 */
export async function crossContractFailures(db: Db, rows: readonly MatrixRow[]): Promise<Map<number, string>> {
  // Rows the comparisons failed are told by their verifier, so a matrix without them reads nothing more.
  const ids = rows.flatMap((row) => (row.success === false && row.verifiedBy === CROSS_CONTRACT_VERIFIER && row.verificationId !== null ? [row.verificationId] : []));
  if (ids.length === 0) return new Map();
  const comparisons = await findComparisonsOfVerifications(db, ids);
  const failures = new Map<number, string>();
  for (const [verificationId, comparison] of comparisons) {
    const errors = (JSON.parse(comparison.mismatches) as Mismatch[]).filter((mismatch) => mismatch.type === 'error').map(describeMismatch);
    const parts = [...(comparison.self_verification_success === 1 ? [] : ["the provider's self-verification did not succeed"]), ...errors];
    failures.set(verificationId, parts.join('; '));
  }
  return failures;
}
