import type { Db } from '../db/database.js';
import { pactQuery, type PactRow } from '../pacts/pact-repository.js';
import { publishVerification } from '../verifications/verification-service.js';
import { compareContracts, type Mismatch } from './cross-contract-comparator.js';
import {
  CROSS_CONTRACT_VERIFIER,
  findComparison,
  findProviderContractsOfProvider,
  hasVerification,
  insertComparison,
  type ComparisonRow,
  type ProviderContractRow,
} from './provider-contract-repository.js';

/** A provider contract with the number of its provider version. */
export type VersionedContract = ProviderContractRow & { version_number: string };

/** One pact compared with one provider version's contract. */
export interface CrossContractResult {
  pact: PactRow;
  providerVersionNumber: string;
  success: boolean;
  mismatches: Mismatch[];
}

/**
 * After a provider contract is published: compares it with the pact content of every consumer version
 * of the provider, and records each outcome as that provider version's verification result (issue 15).
 */
export async function compareContractWithPacts(db: Db, contract: VersionedContract, baseUrl: string, now: string): Promise<CrossContractResult[]> {
  const results: CrossContractResult[] = [];
  for (const pact of await latestPactOfEachContent(db, contract.provider_id)) results.push(await compareAndRecord(db, pact, contract, baseUrl, now));
  return results;
}

/** After pacts are published: compares each with the provider's contracts not yet compared with its content. */
export async function comparePactsWithContracts(db: Db, pacts: readonly PactRow[], baseUrl: string, now: string): Promise<CrossContractResult[]> {
  const results: CrossContractResult[] = [];
  for (const pact of pacts) {
    for (const contract of await findProviderContractsOfProvider(db, pact.providerId)) {
      if (await hasVerification(db, pact.pactVersionId, contract.provider_version_id)) continue;
      results.push(await compareAndRecord(db, pact, contract, baseUrl, now));
    }
  }
  return results;
}

async function compareAndRecord(db: Db, pact: PactRow, contract: VersionedContract, baseUrl: string, now: string): Promise<CrossContractResult> {
  const comparison = await storedComparison(db, pact.pactVersionId, contract, now);
  const mismatches = JSON.parse(comparison.mismatches) as Mismatch[];
  const selfVerified = contract.self_verification_success === 1;
  const success = selfVerified && comparison.success === 1;
  await publishVerification(
    db,
    pact,
    {
      success,
      providerApplicationVersion: contract.version_number,
      buildUrl: undefined,
      testResults: { crossContractComparison: { success: comparison.success === 1, mismatches }, selfVerification: { success: selfVerified, verifier: contract.verifier } },
      verifiedBy: { implementation: CROSS_CONTRACT_VERIFIER },
    },
    {},
    now,
    baseUrl,
  );
  return { pact, providerVersionNumber: contract.version_number, success, mismatches };
}

/** The stored comparison of this pact content and contract content, computed the first time the pair meets. */
async function storedComparison(db: Db, pactVersionId: number, contract: ProviderContractRow, now: string): Promise<ComparisonRow> {
  const stored = await findComparison(db, pactVersionId, contract.sha);
  if (stored) return stored;
  const { content } = await db.selectFrom('pact_versions').select('content').where('id', '=', pactVersionId).executeTakeFirstOrThrow();
  const outcome = await compareContracts(contract.content, content);
  return insertComparison(db, { pact_version_id: pactVersionId, contract_sha: contract.sha, success: outcome.success ? 1 : 0, mismatches: JSON.stringify(outcome.mismatches), created_at: now });
}

/** The provider's pacts, one per content: that of the newest consumer version with it. */
async function latestPactOfEachContent(db: Db, providerId: number): Promise<PactRow[]> {
  const pacts = await pactQuery(db, 'latest').where('p.id', '=', providerId).orderBy('pp.consumer_version_order', 'desc').execute();
  const seen = new Set<number>();
  return pacts.filter((pact) => !seen.has(pact.pactVersionId) && seen.add(pact.pactVersionId));
}
