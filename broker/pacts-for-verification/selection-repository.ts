import type { Db } from '../db/database.js';
import { latestIntegrationOrder } from '../pacts/latest-integration-order.js';
import { isAllForTag, isInEnvironment, isLatestForMainBranch, isLatestForTag, isOverallLatest, type Selector } from './selector.js';

/**
 * Query code: the current pacts (latest revision of each consumer version) of one provider that a
 * consumer version selector picks (docs/broker-api.md#what-each-selector-picks, the Ruby broker's
 * `pact_publication_selector_dataset_module.rb`), one query per selector.
 */

/** A current pact with its consumer version, and where the selector found it. */
export interface SelectedPactRow {
  consumerId: number;
  consumerName: string;
  consumerMainBranch: string | null;
  providerName: string;
  consumerVersionId: number;
  consumerVersionNumber: string;
  consumerVersionOrder: number;
  pactVersionId: number;
  sha: string;
  publicationCreatedAt: string;
  /** The branch of the head a branch selector matched (several for `branch: true`). */
  branchName?: string | null;
  /** The tag a WIP candidate is the head of. */
  tagName?: string | null;
  environmentName?: string | null;
  environmentProduction?: number | null;
}

/** The current pacts of the provider: one row per consumer version, its latest revision. */
export function currentPacts(db: Db, providerId: number) {
  return db
    .selectFrom('latest_pact_publication_ids_for_consumer_versions as lp')
    .innerJoin('pact_publications as pp', 'pp.id', 'lp.pact_publication_id')
    .innerJoin('versions as cv', 'cv.id', 'lp.consumer_version_id')
    .innerJoin('pacticipants as c', 'c.id', 'lp.consumer_id')
    .innerJoin('pacticipants as p', 'p.id', 'lp.provider_id')
    .innerJoin('pact_versions as pv', 'pv.id', 'lp.pact_version_id')
    .where('lp.provider_id', '=', providerId)
    .select([
      'c.id as consumerId',
      'c.name as consumerName',
      'c.main_branch as consumerMainBranch',
      'p.name as providerName',
      'cv.id as consumerVersionId',
      'cv.number as consumerVersionNumber',
      'cv.order as consumerVersionOrder',
      'pv.id as pactVersionId',
      'pv.sha as sha',
      'pp.created_at as publicationCreatedAt',
    ]);
}

type CurrentPacts = ReturnType<typeof currentPacts>;

/** The pacts the selector picks; `consumer` narrows every kind of selector. */
export async function findPactsForSelector(db: Db, providerId: number, selector: Selector): Promise<SelectedPactRow[]> {
  let query = currentPacts(db, providerId);
  if (selector.consumer !== undefined) query = query.where('c.name', '=', selector.consumer);
  if (selector.currentlyDeployed) return deployed(query, selector.environmentName).execute();
  if (selector.currentlySupported) return released(query, selector.environmentName).execute();
  if (isInEnvironment(selector)) return deployed(query, selector.environmentName).union(released(query, selector.environmentName)).execute();
  if (isAllForTag(selector)) {
    const tag = selector.tag as string;
    return query.where((eb) => eb.exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'cv.id').where('t.name', '=', tag))).execute();
  }
  if (isLatestForMainBranch(selector)) return branchHeads(query, null).execute();
  if (selector.latest === true && selector.branch !== undefined) return branchHeads(query, selector.branch).execute();
  if (isLatestForTag(selector)) return tagHeads(db, query, providerId, selector.tag).execute();
  if (isOverallLatest(selector)) return overallLatest(db, query).execute();
  return [];
}

/** The pacts of the branch heads: of one branch, of every branch (`true`), or of the consumer's main branch (`null`). */
export function branchHeads(query: CurrentPacts, branch: string | true | null) {
  return query
    // Redundant with the join below, but it lets the planner start from the few heads and reach each
    // pact by its key instead of reading every pact of the provider (issue 13: cost flat with history).
    .where((eb) => {
      let heads = eb.selectFrom('branch_heads as head').select('head.version_id');
      if (branch === null) heads = heads.innerJoin('pacticipants as hc', (join) => join.onRef('hc.id', '=', 'head.pacticipant_id').onRef('hc.main_branch', '=', 'head.branch_name'));
      else if (branch !== true) heads = heads.where('head.branch_name', '=', branch);
      return eb('lp.consumer_version_id', 'in', heads);
    })
    .innerJoin('branch_heads as bh', (join) => {
      const heads = join.onRef('bh.version_id', '=', 'cv.id');
      if (branch === true) return heads;
      return branch === null ? heads.onRef('bh.branch_name', '=', 'c.main_branch') : heads.on('bh.branch_name', '=', branch);
    })
    .select('bh.branch_name as branchName');
}

/** The pacts of the highest-ordered consumer version carrying the tag, or (no tag) each tag of the consumer. */
export function tagHeads(db: Db, query: CurrentPacts, providerId: number, tag: string | undefined) {
  return query
    // As in branchHeads: the planner starts from the heads' versions rather than from every pact of the provider (issue 13).
    .where((eb) =>
      eb('lp.consumer_version_id', 'in', db.selectFrom('versions as hv').innerJoin(tagHeadOrders(db, providerId, tag).as('hto'), (join) =>
        join.onRef('hto.pacticipant_id', '=', 'hv.pacticipant_id').onRef('hto.latest_order', '=', 'hv.order')).select('hv.id')),
    )
    .innerJoin(
      () => tagHeadOrders(db, providerId, tag).as('ht'),
      (join) => join.onRef('ht.pacticipant_id', '=', 'c.id').onRef('ht.latest_order', '=', 'cv.order'),
    )
    .select('ht.name as tagName');
}

/** The highest version order of each tag (or of the one tag) of the provider's consumers. */
function tagHeadOrders(db: Db, providerId: number, tag: string | undefined) {
  // Only the provider's consumers' tags (issue 13): the heads of every pacticipant's tags read the whole tags table.
  let heads = db
    .selectFrom('tags')
    .select(['pacticipant_id', 'name', (s) => s.fn.max('version_order').as('latest_order')])
    .where('pacticipant_id', 'in', db.selectFrom('integrations').select('consumer_id').where('provider_id', '=', providerId));
  if (tag !== undefined) heads = heads.where('name', '=', tag);
  return heads.groupBy(['pacticipant_id', 'name']);
}

function overallLatest(db: Db, query: CurrentPacts) {
  return query.where((eb) => eb('cv.order', '=', latestIntegrationOrder(db, eb.ref('lp.consumer_id'), eb.ref('lp.provider_id'))));
}

/** Pacts of versions currently deployed, one row per environment and application instance. */
function deployed(query: CurrentPacts, environmentName: string | undefined) {
  return query
    // As in branchHeads: from the versions deployed now, not from every pact of the provider (issue 13).
    .where((eb) =>
      eb('lp.consumer_version_id', 'in', eb.selectFrom('deployed_versions as ndv').innerJoin('currently_deployed_version_ids as ncdv', 'ncdv.deployed_version_id', 'ndv.id').select('ndv.version_id')),
    )
    .innerJoin('deployed_versions as dv', 'dv.version_id', 'cv.id')
    .innerJoin('currently_deployed_version_ids as cdv', 'cdv.deployed_version_id', 'dv.id')
    .innerJoin('environments as e', (join) => {
      const environments = join.onRef('e.id', '=', 'dv.environment_id');
      return environmentName === undefined ? environments : environments.on('e.name', '=', environmentName);
    })
    .select(['e.name as environmentName', 'e.production as environmentProduction']);
}

/** Pacts of versions released and still supported, one row per environment. */
function released(query: CurrentPacts, environmentName: string | undefined) {
  return query
    .where((eb) => eb('lp.consumer_version_id', 'in', eb.selectFrom('released_versions as nrv').select('nrv.version_id').where('nrv.support_ended_at', 'is', null)))
    .innerJoin('released_versions as rv', (join) => join.onRef('rv.version_id', '=', 'cv.id').on('rv.support_ended_at', 'is', null))
    .innerJoin('environments as e', (join) => {
      const environments = join.onRef('e.id', '=', 'rv.environment_id');
      return environmentName === undefined ? environments : environments.on('e.name', '=', environmentName);
    })
    .select(['e.name as environmentName', 'e.production as environmentProduction']);
}

/** For each consumer with pacts for the provider: its main branch, and whether a version is on it or tagged with its name. */
export async function findConsumersForDefaultSelectors(db: Db, providerId: number) {
  return db
    .selectFrom('integrations as i')
    .innerJoin('pacticipants as c', 'c.id', 'i.consumer_id')
    .where('i.provider_id', '=', providerId)
    .select((eb) => [
      'c.name as consumerName',
      'c.main_branch as mainBranch',
      eb
        .exists(eb.selectFrom('branch_heads as bh').select('bh.id').whereRef('bh.pacticipant_id', '=', 'c.id').whereRef('bh.branch_name', '=', 'c.main_branch'))
        .as('hasMainBranchVersion'),
      eb
        .exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.pacticipant_id', '=', 'c.id').whereRef('t.name', '=', 'c.main_branch'))
        .as('hasMainBranchTag'),
    ])
    .orderBy('c.name')
    .execute();
}
