import type { Db } from '../db/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { pactQuery, type PactRow } from '../pacts/index.js';
import { findVersion } from '../versions/index.js';
import type { CrossContractQueue } from './cross-contract-queue.js';
import { findComparison, findProviderContract, type ComparisonRow, type ProviderContractRow } from './provider-contract-repository.js';

/** The names in a pair's URL: `…/provider/P/version/V/consumer/C/version/CV`. */
export interface PairNames {
  providerName: string;
  providerVersionNumber: string;
  consumerName: string;
  consumerVersionNumber: string;
}

/** A consumer version's pact with a provider version's contract, and their comparison when there is one (issue 15). */
export interface ContractPair extends PairNames {
  contract: ProviderContractRow;
  pact: PactRow;
  pactContent: string;
  comparison: ComparisonRow | undefined;
}

/** `verificationStatus` as PactFlow's resources answer it: the self-verification and the comparison must both have succeeded. */
export function verificationStatus({ contract, comparison }: ContractPair): 'success' | 'failed' | 'unverified' {
  if (!comparison) return 'unverified';
  return contract.self_verification_success === 1 && comparison.success === 1 ? 'success' : 'failed';
}

/**
 * The pair named, or undefined when a name, a version, the contract or the pact does not exist. A pair
 * never compared is compared first (asked about, as the matrix does), within the queue's wait.
 */
export async function findContractPair(db: Db, comparisons: CrossContractQueue, names: PairNames, baseUrl: string): Promise<ContractPair | undefined> {
  const provider = await findPacticipantByName(db, names.providerName);
  const providerVersion = provider && (await findVersion(db, provider.id, names.providerVersionNumber));
  const contract = providerVersion && (await findProviderContract(db, providerVersion.id));
  const consumer = contract && (await findPacticipantByName(db, names.consumerName));
  const consumerVersion = consumer && (await findVersion(db, consumer.id, names.consumerVersionNumber));
  if (!provider || !providerVersion || !contract || !consumer || !consumerVersion) return undefined;
  const pact = await pactQuery(db, 'latest').where('pp.consumer_version_id', '=', consumerVersion.id).where('pp.provider_id', '=', provider.id).executeTakeFirst();
  if (!pact) return undefined;
  let comparison = await findComparison(db, pact.pactVersionId, contract.sha);
  if (!comparison) {
    await comparisons.submit([{ pact, providerVersionId: providerVersion.id, recompare: false }], baseUrl);
    comparison = await findComparison(db, pact.pactVersionId, contract.sha);
  }
  const { content } = await db.selectFrom('pact_versions').select('content').where('id', '=', pact.pactVersionId).executeTakeFirstOrThrow();
  return { ...names, providerName: provider.name, consumerName: consumer.name, contract, pact, pactContent: content, comparison };
}
