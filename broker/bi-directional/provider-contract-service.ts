import { createHash } from 'node:crypto';
import { addVersionToBranch } from '../branches/branch-service.js';
import type { Notice } from '../contracts/notice.js';
import { versionNotices } from '../contracts/publish-notices.js';
import type { Db } from '../db/database.js';
import { lockPacticipant } from '../db/pacticipant-lock.js';
import type { PacticipantRow, VersionRow } from '../db/schema.js';
import { findOrCreatePacticipant } from '../pacticipants/pacticipant-repository.js';
import { tagVersion } from '../tags/tag-service.js';
import { updateBuildUrl } from '../versions/version-repository.js';
import { findOrCreateVersion } from '../versions/version-service.js';
import { describeMismatch } from './cross-contract-comparator.js';
import { compareContractWithPacts, type CrossContractResult, type VersionedContract } from './cross-contract-service.js';
import type { ProviderContractToPublish } from './provider-contract-schema.js';
import { upsertProviderContract } from './provider-contract-repository.js';

export interface ProviderContractPublication {
  provider: PacticipantRow;
  version: VersionRow;
  versionCreated: boolean;
  tagNames: string[];
  branch: string | undefined;
  contract: VersionedContract;
  comparisons: CrossContractResult[];
  notices: Notice[];
}

/**
 * Stores a provider version's contract (version, branch and tags as `POST /contracts/publish` does, in
 * one transaction), then compares it with the provider's pacts once committed (issue 15).
 */
export async function publishProviderContract(db: Db, providerName: string, input: ProviderContractToPublish, baseUrl: string, now: string): Promise<ProviderContractPublication> {
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
  const comparisons = await compareContractWithPacts(db, stored.contract, baseUrl, now);
  return { ...stored, tagNames: input.tags, branch: input.branch, comparisons, notices: publicationNotices(providerName, input, stored.versionCreated, comparisons) };
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

function publicationNotices(providerName: string, input: ProviderContractToPublish, versionCreated: boolean, comparisons: readonly CrossContractResult[]): Notice[] {
  const subject = `${providerName} version ${input.versionNumber}`;
  const notices: Notice[] = [
    ...versionNotices({ pacticipantName: providerName, pacticipantVersionNumber: input.versionNumber, tags: input.tags, branch: input.branch, buildUrl: input.buildUrl }, !versionCreated),
    { type: 'success', text: `Provider contract successfully published for ${subject}.` },
  ];
  if (!input.selfVerification?.success) {
    notices.push({ type: 'warning', text: `  The self-verification of ${subject} ${input.selfVerification ? 'failed' : 'was not published'}: can-i-deploy will not count its cross-contract comparisons as successful.` });
  }
  for (const result of comparisons) notices.push(comparisonNotice(result));
  if (comparisons.length === 0) notices.push({ type: 'info', text: `  No consumer pacts of ${providerName} to compare with yet.` });
  return notices;
}

function comparisonNotice({ pact, mismatches }: CrossContractResult): Notice {
  const subject = `  Cross-contract comparison with ${pact.consumerName} version ${pact.consumerVersionNumber}`;
  const errors = mismatches.filter((mismatch) => mismatch.type === 'error');
  if (errors.length === 0) return { type: 'success', text: `${subject}: compatible.` };
  return { type: 'error', text: `${subject}: incompatible. ${errors.map(describeMismatch).join(' ')}` };
}

