import { addVersionToBranch, tagVersion, findTagNamesOfVersion, findVersion, insertVersion, recordBranchHeadPacts, updateBuildUrl } from '../versions/index.js';
import { lockPacticipant } from '../db/index.js';
import type { Db, PacticipantRow, VersionRow } from '../db/index.js';
import type { BrokerEvents, PactEvent, TriggeredWebhookSummary } from '../events/index.js';
import { pactUrl } from '../hal/index.js';
import { HttpError, PLAIN_JSON } from '../http/index.js';
import { touchIntegrations } from '../integrations/index.js';
import { findOrCreatePacticipant, findPacticipantsByNames, duplicateNameMessages } from '../pacticipants/index.js';
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
    // Consumer, version and providers looked up once, for the conflict check and the writes (team issue 13: statements per publication).
    const found = await findConsumerVersion(tx, request);
    const conflicts = await conflictNotices(tx, request, found, allowModification ? [] : contracts, baseUrl);
    if (conflicts.length > 0) throw conflictError(conflicts);

    const consumer = found.consumer ?? (await findOrCreatePacticipant(tx, request.pacticipantName, now));
    const created = found.version === undefined;
    const version = found.version ?? (await insertVersion(tx, consumer.id, request.pacticipantVersionNumber, now, request.buildUrl));
    if (!created && request.buildUrl !== undefined) await updateBuildUrl(tx, version.id, request.buildUrl, now);
    if (request.branch !== undefined) await addVersionToBranch(tx, version, request.branch, now, { versionIsNew: created });
    for (const [index, tag] of request.tags.entries()) {
      await tagVersion(tx, version, tag, now, created ? { hasTags: index > 0, onBranch: request.branch !== undefined } : undefined);
    }
    // Read once for every pact's events and their listeners; a version created here has the tags given, which need no order when there is at most one.
    const givenTags = [...new Set(request.tags)];
    const consumerVersionTags = created && givenTags.length <= 1 ? givenTags : await findTagNamesOfVersion(tx, version.id);

    const providers: PacticipantRow[] = [];
    for (const { providerName } of contracts) providers.push(found.pacticipants.get(providerName) ?? (await findOrCreatePacticipant(tx, providerName, now)));
    // Asked before the pacts: an integration nobody listens to needs no look-up of webhooks per pact (team issue 13).
    const configured = await events.providersListenedTo(tx, consumer.id, providers.map((provider) => provider.id));
    const notices = versionNotices(request, !created);
    const published: Array<{ pact: PactRow; outcome: PublicationOutcome; events: PactEvent[]; triggered: TriggeredWebhookSummary[] }> = [];
    for (const [index, contract] of contracts.entries()) {
      const provider = providers[index]!;
      const publication = await publishContract(tx, consumer, provider, { version, created, consumerVersionTags }, contract, now);
      // Raised in this transaction: webhooks queued for them are rolled back or committed with the pact.
      const listened = configured.has(provider.id);
      const heard = await events.pactPublished({ tx, pact: publication.pact, events: publication.events, consumerVersionTags, listened, context: { baseUrl, now } });
      published.push({ ...publication, ...heard });
    }
    const pacts = published.map(({ pact }) => pact);
    await recordBranchHeadPacts(tx, version.id);
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

/** What exists of the publication's pacticipants: by name, and the consumer and its version. */
interface Found {
  pacticipants: Map<string, PacticipantRow>;
  consumer?: PacticipantRow;
  version?: VersionRow;
}

/** The publication's consumer and providers that exist, in one statement, and the consumer's version when it exists. */
async function findConsumerVersion(db: Db, request: PreparedContracts): Promise<Found> {
  const pacticipants = await findPacticipantsByNames(db, [request.pacticipantName, ...request.contracts.map((contract) => contract.providerName)]);
  const consumer = pacticipants.get(request.pacticipantName);
  return { pacticipants, consumer, version: consumer && (await findVersion(db, consumer.id, request.pacticipantVersionNumber)) };
}

/** Changed content for an existing consumer version and provider, and probable duplicate names, refuse the publication. */
async function conflictNotices(db: Db, request: PreparedContracts, { pacticipants, consumer, version }: Found, contracts: readonly PreparedContract[], baseUrl: string): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const contract of contracts) {
    const provider = pacticipants.get(contract.providerName);
    const existing = consumer && version && provider && (await findPactOfVersion(db, consumer, provider, version));
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
  // Only a name not yet taken can be a probable duplicate (duplicate-names.ts): with every one found there is nothing to list.
  const names = [request.pacticipantName, ...request.contracts.map((contract) => contract.providerName)];
  if (names.some((name) => !pacticipants.has(name))) for (const text of await duplicateNameMessages(db, names, baseUrl)) notices.push({ type: 'error', text });
  return notices;
}

function conflictError(notices: Notice[]): HttpError {
  const errors = { contracts: notices.filter((notice) => notice.type === 'error').map((notice) => notice.text) };
  return new HttpError(409, { kind: 'body', body: { notices, errors }, contentType: PLAIN_JSON });
}
