import type { Db, PacticipantRow, VersionRow } from '../db/index.js';
import type { PreparedPact } from './pact-content.js';
import type { PactEvent } from '../events/index.js';
import { eventsForNewPublication, eventsForRevision } from './pact-events.js';
import {
  findLatestPact,
  findLatestPactWithContent,
  findPactVersion,
  findPreviousPact,
  insertPactVersion,
  insertPublication,
  type PactRow,
  type PactRowWithContent,
} from './pact-repository.js';

export interface PactToPublish {
  consumer: PacticipantRow;
  provider: PacticipantRow;
  consumerVersion: VersionRow;
  pact: PreparedPact;
  /** The consumer version was created in this transaction, so it has no pact to look up yet (team issue 13: a statement fewer). */
  versionIsNew?: boolean;
  /** The consumer version's tag names, read once by the caller for this and for the events' listeners (team issue 13). */
  consumerVersionTags: readonly string[];
}

export interface PublishedPact {
  /** Without its content: reading megabytes back only to drop them held every tenant's requests (issue 11). */
  pact: PactRow;
  events: PactEvent[];
}

/** The current pact of one consumer version and provider (its latest revision). */
export async function findPactOfVersion(
  db: Db,
  consumer: PacticipantRow,
  provider: PacticipantRow,
  consumerVersion: VersionRow,
): Promise<PactRowWithContent | undefined> {
  return findLatestPactWithContent(db, { consumerName: consumer.name, providerName: provider.name, consumerVersionId: consumerVersion.id });
}

/**
 * Publishes pact content for a consumer version: content is stored once per SHA, a publication gets
 * revision 1 or the next revision when the content changed; identical content creates nothing new.
 */
export async function publishPact(db: Db, input: PactToPublish, now: string): Promise<PublishedPact> {
  const { consumer, provider, consumerVersion } = input;
  const { sha } = input.pact;
  const ofThisVersion = { consumerName: consumer.name, providerName: provider.name, consumerVersionId: consumerVersion.id };
  const previous = input.versionIsNew ? undefined : await findLatestPact(db, ofThisVersion);
  if (previous?.sha === sha) {
    return { pact: previous, events: eventsForRevision(false, consumer.name, consumerVersion.number) };
  }
  const pactVersion = (await findPactVersion(db, consumer.id, provider.id, sha)) ?? (await insertContent(db, input, now));
  const revisionNumber = (previous?.revisionNumber ?? 0) + 1;
  const publication = {
    consumerId: consumer.id,
    providerId: provider.id,
    consumerVersionId: consumerVersion.id,
    consumerVersionOrder: consumerVersion.order,
    pactVersionId: pactVersion.id,
    revisionNumber,
  };
  const publicationId = await insertPublication(db, { ...publication, consumerVersionCreatedAt: consumerVersion.created_at }, now);
  // What the latest-pact query would read back, known without it (team issue 13: a statement fewer per pact).
  const pact: PactRow = { ...publication, publicationId, createdAt: now, consumerName: consumer.name, providerName: provider.name, consumerVersionNumber: consumerVersion.number, sha };
  const events = previous
    ? eventsForRevision(true, consumer.name, consumerVersion.number)
    : await eventsComparedWithPreviousVersions(db, pact, input.consumerVersionTags);
  return { pact, events };
}

async function insertContent(db: Db, input: PactToPublish, now: string) {
  const { sha, storedJson, interactionsCount, messagesCount } = input.pact;
  return insertPactVersion(
    db,
    { consumerId: input.consumer.id, providerId: input.provider.id, sha, content: storedJson, interactionsCount, messagesCount },
    now,
  );
}

/** Compares with the previous pact of each of the version's tags, or of untagged versions when it has none. */
async function eventsComparedWithPreviousVersions(db: Db, pact: PactRow, tagNames: readonly string[]): Promise<PactEvent[]> {
  const tags: readonly (string | null)[] = tagNames.length > 0 ? tagNames : [null];
  const comparisons = [];
  for (const tag of tags) {
    const previous = await findPreviousPact(db, pact.consumerId, pact.providerId, pact.consumerVersionOrder, tag);
    comparisons.push({ tag, previousSha: previous?.sha });
  }
  return eventsForNewPublication(pact.sha, comparisons);
}
