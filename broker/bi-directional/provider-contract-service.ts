import { createHash } from 'node:crypto';
import { addVersionToBranch, tagVersion, updateBuildUrl, findOrCreateVersion } from '../versions/index.js';
import { versionNotices } from '../contracts/index.js';
import type { Notice } from '../contracts/index.js';
import { lockPacticipant } from '../db/index.js';
import type { Db, PacticipantRow, VersionRow } from '../db/index.js';
import type { PactRow } from '../pacts/index.js';
import { findOrCreatePacticipant } from '../pacticipants/index.js';
import { describeMismatch } from './cross-contract-comparator.js';
import type { CrossContractQueue, SubmittedComparisons } from './cross-contract-queue.js';
import { jobsForContract, type ComparisonJob, type CrossContractResult, type VersionedContract } from './cross-contract-service.js';
import type { ProviderContractToPublish } from './provider-contract-schema.js';
import { upsertProviderContract } from './provider-contract-repository.js';

export interface ProviderContractPublication {
  provider: PacticipantRow;
  version: VersionRow;
  versionCreated: boolean;
  tagNames: string[];
  branch: string | undefined;
  contract: VersionedContract;
  notices: Notice[];
}

/**
 * Stores a provider version's contract (version, branch and tags as `POST /contracts/publish` does, in
 * one transaction), then queues its comparisons with the provider's pacts once committed (issue 15).
 */
export async function publishProviderContract(db: Db, comparisons: CrossContractQueue, providerName: string, input: ProviderContractToPublish, baseUrl: string, now: string): Promise<ProviderContractPublication> {
  const stored = await db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, providerName);
    const provider = await findOrCreatePacticipant(tx, providerName, now);
    const { version, created } = await findOrCreateVersion(tx, provider, input.versionNumber, now);
    if (input.buildUrl !== undefined) await updateBuildUrl(tx, version.id, input.buildUrl, now);
    if (input.branch !== undefined) await addVersionToBranch(tx, version, input.branch, now);
    for (const tag of input.tags) await tagVersion(tx, version, tag, now);
    const contract = await upsertProviderContract(tx, contractRow(provider.id, version.id, input, now));
    return { provider, version, versionCreated: created, contract: { ...contract, version_number: version.number } };
  });
  const submitted = await comparisons.submit(await jobsForContract(db, stored.contract), baseUrl);
  return { ...stored, tagNames: input.tags, branch: input.branch, notices: publicationNotices(providerName, input, stored.versionCreated, submitted) };
}

function contractRow(providerId: number, versionId: number, input: ProviderContractToPublish, now: string) {
  const self = input.selfVerification;
  return {
    provider_id: providerId,
    provider_version_id: versionId,
    sha: createHash('sha1').update(input.content).digest('hex'),
    content: input.content,
    content_type: input.contentType,
    specification: input.specification,
    self_verification_success: self?.success ? 1 : 0,
    self_verification_content: self?.content ?? null,
    self_verification_content_type: self?.contentType ?? null,
    self_verification_format: self?.format ?? null,
    verifier: self?.verifier ?? null,
    verifier_version: self?.verifierVersion ?? null,
    created_at: now,
    updated_at: now,
  };
}

function publicationNotices(providerName: string, input: ProviderContractToPublish, versionCreated: boolean, { finished, queued }: SubmittedComparisons): Notice[] {
  const subject = `${providerName} version ${input.versionNumber}`;
  const notices: Notice[] = [
    ...versionNotices({ pacticipantName: providerName, pacticipantVersionNumber: input.versionNumber, tags: input.tags, branch: input.branch, buildUrl: input.buildUrl }, !versionCreated),
    { type: 'success', text: `Provider contract successfully published for ${subject}.` },
  ];
  if (!input.selfVerification?.success) {
    notices.push({ type: 'warning', text: `  The self-verification of ${subject} ${input.selfVerification ? 'failed' : 'was not published'}: can-i-deploy will not count its cross-contract comparisons as successful.` });
  }
  for (const result of finished) notices.push(comparisonNotice(result));
  for (const job of queued) notices.push(queuedNotice(job));
  if (finished.length + queued.length === 0) notices.push({ type: 'info', text: `  No consumer pacts of ${providerName} to compare with yet.` });
  return notices;
}

const comparisonSubject = (pact: PactRow) => `  Cross-contract comparison with ${pact.consumerName} version ${pact.consumerVersionNumber}`;

/** A comparison that did not finish within the request's wait: can-i-deploy answers as for a pending verification meanwhile. */
function queuedNotice({ pact }: ComparisonJob): Notice {
  return { type: 'info', text: `${comparisonSubject(pact)}: queued; can-i-deploy counts it once it has run.` };
}

function comparisonNotice({ pact, mismatches }: CrossContractResult): Notice {
  const subject = comparisonSubject(pact);
  const errors = mismatches.filter((mismatch) => mismatch.type === 'error');
  if (errors.length === 0) return { type: 'success', text: `${subject}: compatible.` };
  return { type: 'error', text: `${subject}: incompatible. ${errors.map(describeMismatch).join(' ')}` };
}

