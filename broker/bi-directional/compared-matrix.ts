import type { Db } from '../db/index.js';
import { findMatrix } from '../matrix/index.js';
import type { MatrixResult, MatrixQuery } from '../matrix/index.js';
import type { CrossContractQueue } from './cross-contract-queue.js';
import { crossContractFailures } from './cross-contract-reasons.js';
import { jobsForMatrix } from './cross-contract-service.js';

/**
 * The matrix, after comparing the pairs it asks about that were never compared (a provider version
 * outside those compared at publication, issue 15): those finished within the queue's wait count
 * at once; the others answer as a pending verification until they have run. Failed comparisons
 * come with their reasons, which the matrix's rows show.
 */
export async function findComparedMatrix(db: Db, comparisons: CrossContractQueue, query: MatrixQuery, baseUrl: string): Promise<MatrixResult> {
  const matrix = await findMatrixAfterComparing(db, comparisons, query, baseUrl);
  return { ...matrix, crossContractFailures: await crossContractFailures(db, matrix.considered) };
}

async function findMatrixAfterComparing(db: Db, comparisons: CrossContractQueue, query: MatrixQuery, baseUrl: string): Promise<MatrixResult> {
  const matrix = await findMatrix(db, query);
  const jobs = await jobsForMatrix(db, matrix);
  if (jobs.length === 0) return matrix;
  const { finished } = await comparisons.submit(jobs, baseUrl);
  return finished.length === 0 ? matrix : findMatrix(db, query);
}
