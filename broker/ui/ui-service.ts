import { pactStatus, type PactStatus } from '../badges/index.js';
import { findComparisonsOfContract, findLatestContractVersions, findProviderContract, type ProviderContractRow } from '../bi-directional/index.js';
import type { Mismatch } from '../bi-directional/index.js';
import { findBranchVersionsOfVersion, findTagNamesOfVersion, findVersion } from '../versions/index.js';
import type { Db } from '../db/index.js';
import { comparePacts, findLatestPactOfEveryIntegration, findLatestPactWithContent, type PactCriteria, type PactRowWithContent } from '../pacts/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { findLatestVerificationOfEveryIntegration, type IntegrationVerificationRow } from './ui-repository.js';

/** The verification an index row reports. */
export interface LastVerification {
  executionDate: string;
  providerVersionNumber: string;
  success: boolean;
}

/** One row of the index: an integration's latest pact and how it stands with the provider. */
export interface IndexItem {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
  /** When the latest pact (its latest revision) was published. */
  publishedAt: string;
  lastVerification: LastVerification | undefined;
  /** The Ruby broker's "pseudo branch" status: the badge's, so that page and badge always agree. */
  status: PactStatus;
  /** The provider's newest version with a provider contract (team issue 15), linked from the row. */
  providerContractVersion: string | undefined;
}

/** Every integration with a pact, ordered as the Ruby index orders them (consumer, then provider, ignoring case). */
export async function listIndexItems(db: Db): Promise<IndexItem[]> {
  const [pacts, verifications, contractVersions] = await Promise.all([findLatestPactOfEveryIntegration(db), findLatestVerificationOfEveryIntegration(db), findLatestContractVersions(db)]);
  const verificationOf = new Map(verifications.map((row) => [integrationKey(row.consumerId, row.providerId), row]));
  return [...pacts].sort(comparePacts).map((pact) => {
    const verification = verificationOf.get(integrationKey(pact.consumerId, pact.providerId));
    return {
      consumerName: pact.consumerName,
      providerName: pact.providerName,
      consumerVersionNumber: pact.consumerVersionNumber,
      publishedAt: pact.createdAt,
      lastVerification: verification && toLastVerification(verification),
      status: pactStatus(pact.sha, verification && { success: verification.successFlag === 1, pactPending: verification.pendingFlag === 1, sha: verification.sha }),
      providerContractVersion: contractVersions.get(pact.providerId),
    };
  });
}

/** A pact with what its page says about the consumer version. */
export interface PactPageData {
  pact: PactRowWithContent;
  tagNames: string[];
  branchNames: string[];
}

/** The pact the criteria select (its latest revision), or undefined. */
export async function findPactForPage(db: Db, criteria: PactCriteria): Promise<PactPageData | undefined> {
  const pact = await findLatestPactWithContent(db, criteria);
  if (!pact) return undefined;
  const [tagNames, branches] = await Promise.all([findTagNamesOfVersion(db, pact.consumerVersionId), findBranchVersionsOfVersion(db, pact.consumerVersionId)]);
  return { pact, tagNames, branchNames: branches.map((branch) => branch.branchName) };
}

/** A provider contract with the comparisons of its content, as its page shows them. */
export interface ProviderContractPageData {
  providerName: string;
  versionNumber: string;
  contract: ProviderContractRow;
  comparisons: { consumerName: string; success: boolean; mismatches: Mismatch[] }[];
}

/** The provider version's contract and its comparisons, or undefined when it has none. */
export async function findProviderContractForPage(db: Db, providerName: string, versionNumber: string): Promise<ProviderContractPageData | undefined> {
  const provider = await findPacticipantByName(db, providerName);
  const version = provider && (await findVersion(db, provider.id, versionNumber));
  const contract = version && (await findProviderContract(db, version.id));
  if (!provider || !version || !contract) return undefined;
  const comparisons = (await findComparisonsOfContract(db, contract.sha))
    .filter((row) => row.provider_name === provider.name)
    .map((row) => ({ consumerName: row.consumer_name, success: row.success === 1, mismatches: JSON.parse(row.mismatches) as Mismatch[] }));
  return { providerName: provider.name, versionNumber: version.number, contract, comparisons };
}

function integrationKey(consumerId: number, providerId: number): string {
  return `${consumerId}/${providerId}`;
}

function toLastVerification(row: IntegrationVerificationRow): LastVerification {
  return { executionDate: row.executionDate, providerVersionNumber: row.providerVersionNumber, success: row.successFlag === 1 };
}
