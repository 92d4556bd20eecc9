import type { Db } from '../db/index.js';

/** Query code for what the browser pages show beyond the pacts themselves. */

/** The newest verification of one integration, of whichever pact content it verified. */
export interface IntegrationVerificationRow {
  consumerId: number;
  providerId: number;
  successFlag: number;
  pendingFlag: number | null;
  executionDate: string;
  providerVersionNumber: string;
  sha: string;
}

/**
 * For every integration, its newest verification (highest id), as the Ruby index's
 * `integration.latest_verification`: it may have verified older content than the latest pact's.
 */
export async function findLatestVerificationOfEveryIntegration(db: Db): Promise<IntegrationVerificationRow[]> {
  return db
    .selectFrom('verifications as ver')
    .innerJoin('versions as pv', 'pv.id', 'ver.provider_version_id')
    .innerJoin('pact_versions as pact', 'pact.id', 'ver.pact_version_id')
    .select([
      'ver.consumer_id as consumerId',
      'ver.provider_id as providerId',
      'ver.success as successFlag',
      'ver.pact_pending as pendingFlag',
      'ver.execution_date as executionDate',
      'pv.number as providerVersionNumber',
      'pact.sha as sha',
    ])
    .where('ver.id', 'in', (eb) =>
      eb
        .selectFrom('verifications as newest')
        .select((s) => s.fn.max('newest.id').as('id'))
        .groupBy(['newest.consumer_id', 'newest.provider_id']),
    )
    .execute();
}
