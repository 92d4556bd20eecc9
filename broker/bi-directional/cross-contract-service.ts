import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import type { MatrixResult } from '../matrix/index.js';
import { pactQuery, type PactRow } from '../pacts/index.js';
import { publishVerification } from '../verifications/index.js';
import { askedContracts, askedPacts } from './compared-versions.js';
import { compareContracts, type Mismatch } from './cross-contract-comparator.js';
import {
  CROSS_CONTRACT_VERIFIER,
  findComparison,
  findProviderContract,
  findProvidersWithContracts,
  hasVerification,
  insertComparison,
  type ComparisonRow,
  type ProviderContractRow,
} from './provider-contract-repository.js';

/** A provider contract with the number of its provider version. */
export type VersionedContract = ProviderContractRow & { version_number: string };

/** A pact to compare with a provider version's contract; `recompare`: even when the pair has a result (the contract was just replaced). */
export interface ComparisonJob {
  pact: PactRow;
  providerVersionId: number;
  recompare: boolean;
}

/** One pact compared with one provider version's contract. */
export interface CrossContractResult {
  pact: PactRow;
  providerVersionNumber: string;
  success: boolean;
  mismatches: Mismatch[];
}

/** After a provider contract is published: its comparisons with the provider's pacts of asked consumer versions (issue 15). */
export async function jobsForContract(db: Db, contract: ProviderContractRow): Promise<ComparisonJob[]> {
  return (await askedPacts(db, contract.provider_id)).map((pact) => ({ pact, providerVersionId: contract.provider_version_id, recompare: true }));
}

/** After pacts are published: each with its provider's contracts of asked provider versions. */
export async function jobsForPacts(db: Db, pacts: readonly PactRow[]): Promise<ComparisonJob[]> {
  if (pacts.length === 0) return [];
  const contracts = new Map<number, VersionedContract[]>();
  // Most providers have no contract: one statement for all of a publication's providers instead of one each (team issue 13).
  const withContracts = new Set(await findProvidersWithContracts(db, [...new Set(pacts.map((pact) => pact.providerId))]));
  const jobs: ComparisonJob[] = [];
  for (const pact of pacts) {
    if (!withContracts.has(pact.providerId)) continue;
    if (!contracts.has(pact.providerId)) contracts.set(pact.providerId, await askedContracts(db, pact.providerId));
    for (const contract of contracts.get(pact.providerId) ?? []) jobs.push({ pact, providerVersionId: contract.provider_version_id, recompare: false });
  }
  return jobs;
}

/** The asked pairs without a result: comparisons a stopped broker left queued, found again at start. */
export async function owedJobs(db: Db): Promise<ComparisonJob[]> {
  const jobs: ComparisonJob[] = [];
  for (const providerId of await findProvidersWithContracts(db)) {
    const contracts = await askedContracts(db, providerId);
    for (const pact of await askedPacts(db, providerId)) {
      for (const contract of contracts) {
        if (!(await hasVerification(db, pact.pactVersionId, contract.provider_version_id))) jobs.push({ pact, providerVersionId: contract.provider_version_id, recompare: false });
      }
    }
  }
  return jobs;
}

/**
 * The pairs a matrix asked about that have no result while the provider version has a contract
 * (a version outside the asked ones, or a comparison still queued). Reads nothing when every row is verified.
 */
export async function jobsForMatrix(db: Db, matrix: MatrixResult): Promise<ComparisonJob[]> {
  const unverified = matrix.considered.filter((row) => row.success === null);
  const versionsByProvider = new Map<number, number[]>();
  for (const selector of matrix.selectors) {
    if (selector.versionId === undefined || !unverified.some((row) => row.providerId === selector.pacticipantId)) continue;
    versionsByProvider.set(selector.pacticipantId, [...(versionsByProvider.get(selector.pacticipantId) ?? []), selector.versionId]);
  }
  const versionIds = [...versionsByProvider.values()].flat();
  if (versionIds.length === 0) return [];
  const withContracts = await db.selectFrom('provider_contracts').select(['provider_id', 'provider_version_id']).where('provider_version_id', 'in', versionIds).execute();
  if (withContracts.length === 0) return [];
  const publicationIds = [...new Set(unverified.filter((row) => withContracts.some((c) => c.provider_id === row.providerId)).map((row) => row.pactPublicationId))];
  const pacts = await pactQuery(db, 'all').where('pp.id', 'in', publicationIds).execute();
  return pacts.flatMap((pact) => withContracts.filter((c) => c.provider_id === pact.providerId).map((c) => ({ pact, providerVersionId: c.provider_version_id, recompare: false })));
}

/**
 * Compares the job's pact with the contract its provider version has now (once per pair of contents)
 * and records the outcome as that version's verification result; undefined when there is nothing to do.
 */
export async function runComparison(db: Db, events: BrokerEvents, job: ComparisonJob, baseUrl: string, now: string): Promise<CrossContractResult | undefined> {
  const contract = await findProviderContract(db, job.providerVersionId);
  if (!contract) return undefined;
  if (!job.recompare && (await hasVerification(db, job.pact.pactVersionId, job.providerVersionId))) return undefined;
  const version = await db.selectFrom('versions').select('number').where('id', '=', job.providerVersionId).executeTakeFirstOrThrow();
  return compareAndRecord(db, events, job.pact, { ...contract, version_number: version.number }, baseUrl, now);
}

async function compareAndRecord(db: Db, events: BrokerEvents, pact: PactRow, contract: VersionedContract, baseUrl: string, now: string): Promise<CrossContractResult> {
  const comparison = await storedComparison(db, pact.pactVersionId, contract, now);
  const mismatches = JSON.parse(comparison.mismatches) as Mismatch[];
  const selfVerified = contract.self_verification_success === 1;
  const success = selfVerified && comparison.success === 1;
  await publishVerification(
    db,
    events,
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
