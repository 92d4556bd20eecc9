import { addVersionToBranch } from '../versions/branch-service.js';
import type { Db } from '../db/database.js';
import { lockPacticipant } from '../db/pacticipant-lock.js';
import type { BrokerEvents } from '../events/broker-events.js';
import type { PacticipantRow, VersionRow } from '../db/schema.js';
import { pactUrl } from '../hal/urls.js';
import { HttpError } from '../http/http-error.js';
import { PLAIN_JSON } from '../http/broker-env.js';
import { touchIntegration } from '../integrations/integration-repository.js';
import { findOrCreatePacticipant, findPacticipantByName } from '../pacticipants/pacticipant-repository.js';
import { duplicateNameMessages } from '../pacticipants/pacticipant-service.js';
import type { PactJson } from '../pacts/pact-content.js';
import { formattedPactDiff } from '../pacts/pact-diff.js';
import { mergedPact } from '../pacts/pact-merger.js';
import { parsePactJson } from '../pacts/ruby-json.js';
import { pactModificationNotAllowed } from '../pacts/pact-messages.js';
import type { PactRow } from '../pacts/pact-repository.js';
import { findPactOfVersion, publishPact } from '../pacts/pact-service.js';
import { tagVersion } from '../versions/tag-service.js';
import { findOrCreateVersion } from '../versions/version-service.js';
import { anyWebhooksConfiguredFor } from '../webhooks/webhook-triggers.js';
import { findVersion, updateBuildUrl } from '../versions/version-repository.js';
import type { Notice } from './notice.js';
import type { PreparedContract, PreparedContracts } from './prepared-contracts.js';
import { pactNotices, versionNotices, type PublicationOutcome } from './publish-notices.js';

export interface PublishResults {
  pacticipant: PacticipantRow;
  version: VersionRow;
  tagNames: string[];
  pacts: PactRow[];
  notices: Notice[];
}

/**
 * `POST /contracts/publish` in one transaction (docs/broker-api.md#publishing-contracts): conflicts are checked before
 * anything is written; then version, branch, tags, pacts and integrations, in the Ruby broker's order.
 * `allowModification` (RB `allow_dangerous_contract_modification`): changed content is no conflict.
 */
export async function publishContracts(db: Db, events: BrokerEvents, request: PreparedContracts, baseUrl: string, now: string, allowModification = false): Promise<PublishResults> {
  const { contracts } = request;
  return db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, request.pacticipantName);
    const conflicts = await conflictNotices(tx, request, allowModification ? [] : contracts, baseUrl);
    if (conflicts.length > 0) throw conflictError(conflicts);

    const consumer = await findOrCreatePacticipant(tx, request.pacticipantName, now);
    const { version, created } = await findOrCreateVersion(tx, consumer, request.pacticipantVersionNumber, now);
    if (request.buildUrl !== undefined) await updateBuildUrl(tx, version.id, request.buildUrl, now);
    if (request.branch !== undefined) await addVersionToBranch(tx, version, request.branch, now);
    for (const tag of request.tags) await tagVersion(tx, version, tag, now);

    const notices = versionNotices(request, !created);
    const pacts: PactRow[] = [];
    for (const contract of contracts) {
      const provider = await findOrCreatePacticipant(tx, contract.providerName, now);
      const published = await publishContract(tx, consumer, provider, { version, created }, contract, now);
      const { pact, outcome } = published;
      pacts.push(pact);
      // Raised in this transaction: webhooks queued for them are rolled back or committed with the pact.
      const { events: detected, triggered } = await events.pactPublished({ tx, pact, events: published.events, context: { baseUrl, now } });
      const webhooksConfigured = await anyWebhooksConfiguredFor(tx, pact);
      const url = pactUrl(baseUrl, pact);
      notices.push(...pactNotices({ ...pact, consumerVersionNumber: version.number, outcome, pactUrl: url, events: detected, triggered, webhooksConfigured, baseUrl }));
    }
    for (const pact of pacts) await touchIntegration(tx, pact.consumerId, pact.providerId, now);
    return { pacticipant: consumer, version, tagNames: request.tags, pacts, notices };
  });
}

async function publishContract(db: Db, consumer: PacticipantRow, provider: PacticipantRow, { version, created }: { version: VersionRow; created: boolean }, contract: PreparedContract, now: string) {
  const existing = created ? undefined : await findPactOfVersion(db, consumer, provider, version);
  const merged = existing && contract.textToMerge !== undefined ? mergedPact(existing.content, contract.textToMerge) : undefined;
  const published = await publishPact(db, { consumer, provider, consumerVersion: version, pact: merged ?? contract.pact, versionIsNew: created }, now);
  const outcome: PublicationOutcome = merged ? 'merged' : !existing ? 'published' : existing.sha === published.pact.sha ? 'republished-unchanged' : 'modified';
  return { ...published, outcome };
}

/** Changed content for an existing consumer version and provider, and probable duplicate names, refuse the publication. */
async function conflictNotices(db: Db, request: PreparedContracts, contracts: readonly PreparedContract[], baseUrl: string): Promise<Notice[]> {
  const notices: Notice[] = [];
  // Consumer and version looked up once, providers only when the version exists (team issue 13: statements per publication).
  const consumer = contracts.length > 0 ? await findPacticipantByName(db, request.pacticipantName) : undefined;
  const version = consumer && (await findVersion(db, consumer.id, request.pacticipantVersionNumber));
  for (const contract of contracts) {
    const existing = consumer && version && (await findExistingPact(db, consumer, version, contract));
    if (!existing || existing.sha === contract.pact.sha) continue;
    notices.push(
      {
        type: 'error',
        text: pactModificationNotAllowed(contract.consumerName, request.pacticipantVersionNumber, contract.providerName),
      },
      // RB contracts/service.rb: the new content diffed against the existing one, interaction ids left out.
      { type: 'info', text: formattedPactDiff(parsePactJson(contract.pact.storedJson) as PactJson, parsePactJson(existing.content) as PactJson) },
    );
  }
  const names = [request.pacticipantName, ...request.contracts.map((contract) => contract.providerName)];
  for (const text of await duplicateNameMessages(db, names, baseUrl)) notices.push({ type: 'error', text });
  return notices;
}

async function findExistingPact(db: Db, consumer: PacticipantRow, version: VersionRow, contract: PreparedContract) {
  const provider = await findPacticipantByName(db, contract.providerName);
  return provider && findPactOfVersion(db, consumer, provider, version);
}

function conflictError(notices: Notice[]): HttpError {
  const errors = { contracts: notices.filter((notice) => notice.type === 'error').map((notice) => notice.text) };
  return new HttpError(409, { kind: 'body', body: { notices, errors }, contentType: PLAIN_JSON });
}
