import { compiledStatement } from '../db/index.js';
import type { Db } from '../db/index.js';
import { latestIntegrationOrder } from './latest-integration-order.js';

/** Query code for pact content (`pact_versions`), publications and the latest-revision pointers. */

/** One publication with its names, consumer version and content SHA. */
export interface PactRow {
  publicationId: number;
  revisionNumber: number;
  createdAt: string;
  consumerId: number;
  consumerName: string;
  providerId: number;
  providerName: string;
  consumerVersionId: number;
  consumerVersionNumber: string;
  consumerVersionOrder: number;
  pactVersionId: number;
  sha: string;
}

export interface PactRowWithContent extends PactRow {
  content: string;
}

/** Which pact publications to look among: the latest revision of each consumer version, or every revision. */
type Revisions = 'latest' | 'all';

/** Publications joined with their names, consumer version and content SHA, selected as {@link PactRow}s. */
export function pactQuery(db: Db, revisions: Revisions) {
  const base = db
    .selectFrom('pact_publications as pp')
    .innerJoin('pact_versions as pv', 'pv.id', 'pp.pact_version_id')
    .innerJoin('versions as cv', 'cv.id', 'pp.consumer_version_id')
    .innerJoin('pacticipants as c', 'c.id', 'pp.consumer_id')
    .innerJoin('pacticipants as p', 'p.id', 'pp.provider_id')
    .select([
      'pp.id as publicationId',
      'pp.revision_number as revisionNumber',
      'pp.created_at as createdAt',
      'c.id as consumerId',
      'c.name as consumerName',
      'p.id as providerId',
      'p.name as providerName',
      'cv.id as consumerVersionId',
      'cv.number as consumerVersionNumber',
      'cv.order as consumerVersionOrder',
      'pv.id as pactVersionId',
      'pv.sha as sha',
    ]);
  if (revisions === 'all') return base;
  return base.where((eb) =>
    eb.exists(eb.selectFrom('latest_pact_publication_ids_for_consumer_versions as lp').select('lp.pact_publication_id').whereRef('lp.pact_publication_id', '=', 'pp.id')),
  );
}

/** Selection of one integration's pacts; every criterion optional. */
export interface PactCriteria {
  consumerName: string;
  providerName: string;
  consumerVersionNumber?: string;
  consumerVersionId?: number;
  sha?: string;
  tag?: string;
  branch?: string;
}

/** The matching pact with the highest consumer version order (and revision), or undefined. */
export async function findLatestPact(db: Db, criteria: PactCriteria, revisions: Revisions = 'latest'): Promise<PactRow | undefined> {
  return (await db.executeQuery(latestPactStatement(db, revisions, criteria))).rows[0];
}

/** {@link findLatestPact} with the pact's content, for those who render or compare it. */
export async function findLatestPactWithContent(db: Db, criteria: PactCriteria, revisions: Revisions = 'latest'): Promise<PactRowWithContent | undefined> {
  return (await db.executeQuery(latestPactWithContentStatement(db, revisions, criteria))).rows[0];
}

// Compiled once per shape (team issue 13): building and compiling took 50 µs of CPU of a latest-pact request's 500-600.
const latestPactStatement = compiledStatement((db: Db, revisions: Revisions, criteria: PactCriteria) => latestPactQuery(db, criteria, revisions));
const latestPactWithContentStatement = compiledStatement((db: Db, revisions: Revisions, criteria: PactCriteria) =>
  latestPactQuery(db, criteria, revisions).select('pv.content as content'),
);

function latestPactQuery(db: Db, criteria: PactCriteria, revisions: Revisions) {
  // By the pacticipants' ids (one-row subqueries), not their joined names: with names PostgreSQL read
  // every publication of the consumer and sorted them (2.6 ms at 500 versions, growing with history);
  // with ids it walks ix_pact_publications_integration_order from the latest (0.3 ms; team issue 13).
  const idOf = (name: string) => db.selectFrom('pacticipants').select('id').where('name', '=', name);
  let query = pactQuery(db, revisions).where('pp.consumer_id', '=', idOf(criteria.consumerName)).where('pp.provider_id', '=', idOf(criteria.providerName));
  if (criteria.consumerVersionNumber !== undefined) query = query.where('cv.number', '=', criteria.consumerVersionNumber);
  if (criteria.consumerVersionId !== undefined) query = query.where('cv.id', '=', criteria.consumerVersionId);
  if (criteria.sha !== undefined) query = query.where('pv.sha', '=', criteria.sha);
  const { tag, branch } = criteria;
  if (tag !== undefined) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'cv.id').where('t.name', '=', tag)),
    );
  }
  if (branch !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('branch_versions as bv').select('bv.id').whereRef('bv.version_id', '=', 'cv.id').where('bv.branch_name', '=', branch),
      ),
    );
  }
  // pp.consumer_version_order is cv.order, copied at publication: ordering by it lets
  // ix_pact_publications_integration_order hand over the latest first, however long the history (issue 13).
  return query.orderBy('pp.consumer_version_order', 'desc').orderBy('pp.revision_number', 'desc').limit(1);
}

/** For every consumer/provider pair, the latest revision of the pact of its highest-ordered consumer version. */
export async function findLatestPactOfEveryIntegration(db: Db): Promise<PactRow[]> {
  return pactQuery(db, 'latest')
    .where((eb) => eb('cv.order', '=', latestIntegrationOrder(db, eb.ref('pp.consumer_id'), eb.ref('pp.provider_id'))))
    .execute();
}

/**
 * The latest pact (latest revisions only) of versions before `beforeOrder` that carry `tag`, or,
 * with `tag` null, that carry no tag at all: what a new publication is compared with for events.
 */
export async function findPreviousPact(
  db: Db,
  consumerId: number,
  providerId: number,
  beforeOrder: number,
  tag: string | null,
): Promise<PactRow | undefined> {
  const values = { consumerId, providerId, beforeOrder, tag: tag ?? undefined };
  return (await db.executeQuery(previousPactStatement(db, tag === null ? 'untagged' : 'tagged', values))).rows[0];
}

// Built and compiled once: it runs for every pact published (team issue 13: building it was ~3 % of a publication's CPU).
const previousPactStatement = compiledStatement(
  (db: Db, shape: 'tagged' | 'untagged', values: { consumerId: number; providerId: number; beforeOrder: number; tag: string | undefined }) =>
    pactQuery(db, 'latest')
      .where('pp.consumer_id', '=', values.consumerId)
      .where('pp.provider_id', '=', values.providerId)
      // pp.consumer_version_order (cv.order, copied): ix_pact_publications_integration_order walks back from
      // `beforeOrder` to the first version with the tag; by cv.order PostgreSQL read the whole integration
      // (26 ms per pact at 5,000 versions per consumer, team issue 13).
      .where('pp.consumer_version_order', '<', values.beforeOrder)
      .where((eb) => {
        const tagsOfVersion = eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'cv.id');
        return shape === 'untagged' ? eb.not(eb.exists(tagsOfVersion)) : eb.exists(tagsOfVersion.where('t.name', '=', values.tag as string));
      })
      .orderBy('pp.consumer_version_order', 'desc')
      .limit(1),
);

/** The id of the stored content of that SHA; not the content itself, which may be megabytes (issue 11). */
export async function findPactVersion(db: Db, consumerId: number, providerId: number, sha: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('pact_versions')
    .select('id')
    .where('consumer_id', '=', consumerId)
    .where('provider_id', '=', providerId)
    .where('sha', '=', sha)
    .executeTakeFirst();
}

export interface NewPactVersion {
  consumerId: number;
  providerId: number;
  sha: string;
  content: string;
  interactionsCount: number;
  messagesCount: number;
}

/** Stores content; answers its id only, so the content is not read back. */
export async function insertPactVersion(db: Db, row: NewPactVersion, now: string): Promise<{ id: number }> {
  return db
    .insertInto('pact_versions')
    .values({
      consumer_id: row.consumerId,
      provider_id: row.providerId,
      sha: row.sha,
      content: row.content,
      interactions_count: row.interactionsCount,
      messages_count: row.messagesCount,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export interface NewPublication {
  consumerId: number;
  providerId: number;
  consumerVersionId: number;
  consumerVersionOrder: number;
  /** When the consumer version was created: the latest-pointer row records it, as the Ruby broker's does. */
  consumerVersionCreatedAt: string;
  pactVersionId: number;
  revisionNumber: number;
}

/** Inserts a publication and points the consumer version's latest-revision pointer at it (the caller records it for the version's branch heads: versions/ `recordBranchHeadPacts`). */
export async function insertPublication(db: Db, row: NewPublication, now: string): Promise<number> {
  const publication = await db
    .insertInto('pact_publications')
    .values({
      consumer_id: row.consumerId,
      provider_id: row.providerId,
      consumer_version_id: row.consumerVersionId,
      consumer_version_order: row.consumerVersionOrder,
      pact_version_id: row.pactVersionId,
      revision_number: row.revisionNumber,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pointer = { pact_publication_id: publication.id, pact_version_id: row.pactVersionId, consumer_id: row.consumerId };
  await db
    .insertInto('latest_pact_publication_ids_for_consumer_versions')
    .values({ provider_id: row.providerId, consumer_version_id: row.consumerVersionId, created_at: row.consumerVersionCreatedAt, ...pointer })
    .onConflict((oc) => oc.columns(['provider_id', 'consumer_version_id']).doUpdateSet(pointer))
    .execute();
  return publication.id;
}

/** Deletes every revision of the pact of one consumer version and provider, and content no longer published. */
export async function deletePublications(db: Db, consumerVersionId: number, providerId: number): Promise<void> {
  const pactVersionIds = await db
    .selectFrom('pact_publications')
    .select('pact_version_id')
    .where('consumer_version_id', '=', consumerVersionId)
    .where('provider_id', '=', providerId)
    .execute();
  await db.deleteFrom('pact_publications').where('consumer_version_id', '=', consumerVersionId).where('provider_id', '=', providerId).execute();
  const candidates = [...new Set(pactVersionIds.map((row) => row.pact_version_id))];
  if (candidates.length === 0) return;
  await db
    .deleteFrom('pact_versions')
    .where('id', 'in', candidates)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('pact_publications as pp').select('pp.id').whereRef('pp.pact_version_id', '=', 'pact_versions.id'))))
    .execute();
}

/** The current pacts (latest revisions) a consumer version has, with every provider. */
export async function findPactsOfConsumerVersion(db: Db, consumerVersionId: number): Promise<PactRow[]> {
  return pactQuery(db, 'latest').where('cv.id', '=', consumerVersionId).execute();
}

/**
 * RB `find_previous_distinct_pact`: the latest publication (any revision) of an earlier consumer version
 * whose content differs from the pact's.
 */
export async function findPreviousDistinctPact(db: Db, pact: PactRow): Promise<PactRowWithContent | undefined> {
  return pactQuery(db, 'all')
    .select('pv.content as content')
    .where('pp.consumer_id', '=', pact.consumerId)
    .where('pp.provider_id', '=', pact.providerId)
    .where('pp.consumer_version_order', '<', pact.consumerVersionOrder)
    .where('pp.pact_version_id', '!=', pact.pactVersionId)
    .orderBy('pp.consumer_version_order', 'desc')
    .orderBy('pp.revision_number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** RB `find_next_pact`: the pact (latest revision) of the first consumer version after the pact's. */
export async function findNextPact(db: Db, pact: PactRow): Promise<PactRow | undefined> {
  return pactQuery(db, 'latest')
    .where('pp.consumer_id', '=', pact.consumerId)
    .where('pp.provider_id', '=', pact.providerId)
    .where('pp.consumer_version_order', '>', pact.consumerVersionOrder)
    .orderBy('pp.consumer_version_order', 'asc')
    .limit(1)
    .executeTakeFirst();
}
