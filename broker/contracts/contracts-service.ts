import { addVersionToBranch, tagVersion, findTagNamesOfVersion, findVersion, insertVersion, updateBuildUrl } from '../versions/index.js';
import { lockPacticipant } from '../db/index.js';
import type { Db, PacticipantRow, VersionRow } from '../db/index.js';
import type { BrokerEvents, PactEvent, TriggeredWebhookSummary } from '../events/index.js';
import { pactUrl } from '../hal/index.js';
import { HttpError, PLAIN_JSON } from '../http/index.js';
import { touchIntegrations } from '../integrations/index.js';
import { findOrCreatePacticipant, findPacticipantByName, duplicateNameMessages } from '../pacticipants/index.js';
import { formattedPactDiff, mergedPact, parsePactJson, pactModificationNotAllowed, findPactOfVersion, publishPact } from '../pacts/index.js';
import type { PactJson, PactRow } from '../pacts/index.js';
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
    // Consumer and version looked up once, for the conflict check and the writes (team issue 13: statements per publication).
    const found = await findConsumerVersion(tx, request);
    const conflicts = await conflictNotices(tx, request, found, allowModification ? [] : contracts, baseUrl);
    if (conflicts.length > 0) throw conflictError(conflicts);

    const consumer = found.consumer ?? (await findOrCreatePacticipant(tx, request.pacticipantName, now));
    const version = found.version ?? (await insertVersion(tx, consumer.id, request.pacticipantVersionNumber, now));
    const created = found.version === undefined;
    if (request.buildUrl !== undefined) await updateBuildUrl(tx, version.id, request.buildUrl, now);
    if (request.branch !== undefined) await addVersionToBranch(tx, version, request.branch, now, { versionIsNew: created });
    for (const tag of request.tags) await tagVersion(tx, version, tag, now);
    // Read once for every pact's events and their listeners; a version created without tags has none.
    const consumerVersionTags = created && request.tags.length === 0 ? [] : await findTagNamesOfVersion(tx, version.id);

    const notices = versionNotices(request, !created);
    const published: Array<{ pact: PactRow; outcome: PublicationOutcome; events: PactEvent[]; triggered: TriggeredWebhookSummary[] }> = [];
    for (const contract of contracts) {
      const provider = await findOrCreatePacticipant(tx, contract.providerName, now);
      const publication = await publishContract(tx, consumer, provider, { version, created, consumerVersionTags }, contract, now);
      // Raised in this transaction: webhooks queued for them are rolled back or committed with the pact.
      const heard = await events.pactPublished({ tx, pact: publication.pact, events: publication.events, consumerVersionTags, context: { baseUrl, now } });
      published.push({ ...publication, ...heard });
    }
    const pacts = published.map(({ pact }) => pact);
    const configured = await events.providersListenedTo(tx, consumer.id, pacts.map((pact) => pact.providerId));
    for (const { pact, outcome, events: detected, triggered } of published) {
      const webhooksConfigured = configured.has(pact.providerId);
      notices.push(...pactNotices({ ...pact, consumerVersionNumber: version.number, outcome, pactUrl: pactUrl(baseUrl, pact), events: detected, triggered, webhooksConfigured, baseUrl }));
    }
    await touchIntegrations(tx, pacts, now);
    return { pacticipant: consumer, version, tagNames: request.tags, pacts, notices };
  });
}

interface ConsumerVersion {
  version: VersionRow;
  created: boolean;
  consumerVersionTags: readonly string[];
}

async function publishContract(db: Db, consumer: PacticipantRow, provider: PacticipantRow, { version, created, consumerVersionTags }: ConsumerVersion, contract: PreparedContract, now: string) {
  const existing = created ? undefined : await findPactOfVersion(db, consumer, provider, version);
  const merged = existing && contract.textToMerge !== undefined ? mergedPact(existing.content, contract.textToMerge) : undefined;
  const published = await publishPact(db, { consumer, provider, consumerVersion: version, pact: merged ?? contract.pact, versionIsNew: created, consumerVersionTags }, now);
  const outcome: PublicationOutcome = merged ? 'merged' : !existing ? 'published' : existing.sha === published.pact.sha ? 'republished-unchanged' : 'modified';
  return { ...published, outcome };
}

/** The publishing consumer and its version, when they exist. */
async function findConsumerVersion(db: Db, request: PreparedContracts): Promise<{ consumer?: PacticipantRow; version?: VersionRow }> {
  const consumer = await findPacticipantByName(db, request.pacticipantName);
  return { consumer, version: consumer && (await findVersion(db, consumer.id, request.pacticipantVersionNumber)) };
}

/** Changed content for an existing consumer version and provider, and probable duplicate names, refuse the publication. */
async function conflictNotices(db: Db, request: PreparedContracts, { consumer, version }: { consumer?: PacticipantRow; version?: VersionRow }, contracts: readonly PreparedContract[], baseUrl: string): Promise<Notice[]> {
  const notices: Notice[] = [];
  // Providers looked up only when the version exists (team issue 13: statements per publication).
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
