import { lockPacticipant } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import { touchIntegration } from '../integrations/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import type { MetadataSelector, PactMetadata, PactRow } from '../pacts/index.js';
import { findTagNamesOfVersion, findOrCreateVersion } from '../versions/index.js';
import type { VerificationToPublish } from './verification-contract.js';
import {
  findVerificationById,
  findVersionNumbers,
  insertTagSuccesses,
  insertBranchSuccesses,
  insertVerification,
  nextVerificationNumber,
  upsertLatestVerificationId,
  type NewVerification,
  type VerificationDetails,
} from './verification-repository.js';

/**
 * Records a verification result of the pact's content by a provider version, created when missing
 * (its branch and tags come from the verifier's own requests, docs/broker-api.md#the-verifiers-sequence), in one transaction.
 */
export async function publishVerification(
  db: Db,
  events: BrokerEvents,
  pact: PactRow,
  input: VerificationToPublish,
  metadata: PactMetadata,
  now: string,
  baseUrl: string,
): Promise<VerificationDetails> {
  return db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, pact.providerName);
    const provider = await findPacticipantByName(tx, pact.providerName);
    if (!provider) throw new Error(`The provider ${pact.providerName} of a pact just found no longer exists`);
    const { version } = await findOrCreateVersion(tx, provider, input.providerApplicationVersion, now);
    const tagNames = await findTagNamesOfVersion(tx, version.id);
    const row: NewVerification = {
      number: await nextVerificationNumber(tx),
      success: input.success ? 1 : 0,
      provider_version_id: version.id,
      provider_id: provider.id,
      consumer_id: pact.consumerId,
      pact_version_id: pact.pactVersionId,
      build_url: input.buildUrl ?? null,
      test_results: input.testResults === undefined ? null : JSON.stringify(input.testResults),
      execution_date: now,
      created_at: now,
      wip: metadata.wip ? 1 : 0,
      pact_pending: metadata.pending === undefined ? null : metadata.pending ? 1 : 0,
      consumer_version_selector_hashes: await selectorHashes(tx, metadata.selectors),
      tag_names: JSON.stringify(tagNames),
      verified_by_implementation: input.verifiedBy.implementation ?? null,
      verified_by_version: input.verifiedBy.version ?? null,
      verified_by_client_implementation: input.verifiedBy.clientImplementation ?? null,
      verified_by_client_version: input.verifiedBy.clientVersion ?? null,
      verified_by_client_test_framework: input.verifiedBy.clientTestFramework ?? null,
    };
    const id = await insertVerification(tx, row);
    await upsertLatestVerificationId(tx, id, row);
    // Orders GET /integrations by last contract data, verifications included (RB integrations/event_listener.rb).
    await touchIntegration(tx, pact.consumerId, provider.id, now);
    if (input.success) await insertTagSuccesses(tx, id, row, tagNames);
    if (row.success === 1 && row.wip === 0) await insertBranchSuccesses(tx, id, row);
    const verification = await findVerificationById(tx, id);
    if (!verification) throw new Error(`The verification ${id} just published cannot be read back`);
    // Raised in this transaction: what listeners record is rolled back or committed with the verification.
    await events.verificationPublished({
      tx,
      pact,
      verification: { ...verification, providerVersionNumber: version.number },
      providerVersionTags: tagNames,
      context: { baseUrl, now },
    });
    return verification;
  });
}

/**
 * The selectors that picked the pact, from its URL's metadata, as the Ruby broker stores them (JSON,
 * snake_case keys, the consumer version by number); null without any.
 */
async function selectorHashes(db: Db, selectors: readonly MetadataSelector[] | undefined): Promise<string | null> {
  if (selectors === undefined) return null;
  const ids = selectors.flatMap((selector) => (selector.consumerVersionId === undefined ? [] : [selector.consumerVersionId]));
  const numbers = await findVersionNumbers(db, ids);
  return JSON.stringify(
    selectors.map(({ consumerVersionId, ...selector }) => ({
      ...selector,
      consumer_version_number: consumerVersionId === undefined ? undefined : numbers.get(consumerVersionId),
    })),
  );
}
