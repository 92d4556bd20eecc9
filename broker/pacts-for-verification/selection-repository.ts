import { sql, type Compilable, type Expression, type SelectQueryBuilder } from 'kysely';
import { compiledStatement, isPostgres, type Database, type Db } from '../db/index.js';
import { latestIntegrationOrder } from '../pacts/index.js';
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

export type CurrentPacts = ReturnType<typeof currentPacts>;

/** The pacts the selector picks; `consumer` narrows every kind of selector. */
async function findPactsForSelector(db: Db, providerId: number, selector: Selector): Promise<SelectedPactRow[]> {
  const shape = selectorShape(selector);
  if (shape === undefined) return [];
  const { consumer, tag, environmentName } = selector;
  const values = { providerId, consumer, tag, environmentName, branch: typeof selector.branch === 'string' ? selector.branch : undefined };
  if (shape === 'latest-for-tag' && !isPostgres(db)) return pactsOfHeads(selectorPacts(db, values), await tagHeadVersions(db, providerId, tag).execute(), 'tagName');
  return (await db.executeQuery(selectorStatement(db, shape, values))).rows;
}

/** Which statement a selector needs (undefined: it picks nothing). */
type SelectorShape = 'deployed' | 'released' | 'in-environment' | 'all-for-tag' | 'main-branch' | 'branch' | 'every-branch' | 'latest-for-tag' | 'overall-latest';

function selectorShape(selector: Selector): SelectorShape | undefined {
  if (selector.currentlyDeployed) return 'deployed';
  if (selector.currentlySupported) return 'released';
  if (isInEnvironment(selector)) return 'in-environment';
  if (isAllForTag(selector)) return 'all-for-tag';
  if (isLatestForMainBranch(selector)) return 'main-branch';
  if (selector.latest === true && selector.branch !== undefined) return selector.branch === true ? 'every-branch' : 'branch';
  if (isLatestForTag(selector)) return 'latest-for-tag';
  if (isOverallLatest(selector)) return 'overall-latest';
  return undefined;
}

interface SelectorValues {
  providerId: number;
  consumer: string | undefined;
  tag: string | undefined;
  branch: string | undefined;
  environmentName: string | undefined;
}

/**
 * Each kind of selector's statement, built and compiled once (team issue 13: Kysely building and compiling the
 * statements of a pacts-for-verification request was ~19 % of the broker's CPU for it).
 */
const selectorStatement = compiledStatement((db: Db, shape: SelectorShape, values: SelectorValues) => selectorQuery(db, shape, values));

/**
 * The pacts each selector picks (one list per selector, in their order). On PostgreSQL in one statement, each
 * selector's statement a branch of a `union all` (team issue 13: each round trip cost the broker ~0.1 ms of CPU in
 * its socket write, and a request's default selectors, or `mainBranch` with `deployedOrReleased`, made three).
 */
export async function findPactsForSelectors(db: Db, providerId: number, selectors: readonly Selector[]): Promise<SelectedPactRow[][]> {
  const picking = selectors.flatMap((selector, index) => {
    const shape = selectorShape(selector);
    return shape === undefined ? [] : [{ selector, shape, index }];
  });
  if (!isPostgres(db) || picking.length < 2) return Promise.all(selectors.map((selector) => findPactsForSelector(db, providerId, selector)));
  const values: SelectorsValues = { providerId };
  picking.forEach(({ selector: { consumer, tag, environmentName, branch } }, k) => {
    Object.assign(values, { [`consumer${k}`]: consumer, [`tag${k}`]: tag, [`environmentName${k}`]: environmentName, [`branch${k}`]: typeof branch === 'string' ? branch : undefined });
  });
  const { rows } = await db.executeQuery(selectorsStatement(db, picking.map(({ shape }) => shape).join(' '), values));
  const perSelector = selectors.map((): SelectedPactRow[] => []);
  for (const { selectorIndex, ...row } of rows) perSelector[picking[selectorIndex]!.index]!.push(row);
  return perSelector;
}

/** The provider, and the `k`th selector's values as `consumer<k>`, `tag<k>`, `branch<k>` and `environmentName<k>`. */
type SelectorsValues = Record<string, string | number | undefined>;

/** Every column a selector's row may have, in the order each branch of the union selects them. */
const SELECTED_COLUMNS = [
  'consumerId', 'consumerName', 'consumerMainBranch', 'providerName', 'consumerVersionId', 'consumerVersionNumber', 'consumerVersionOrder',
  'pactVersionId', 'sha', 'publicationCreatedAt', 'branchName', 'tagName', 'environmentName', 'environmentProduction',
] as const;
/** The columns only some kinds of selector give, with the type of the null the others give in their place. */
const SOMETIMES_COLUMNS: Record<string, { type: 'text' | 'integer'; shapes: readonly SelectorShape[] }> = {
  branchName: { type: 'text', shapes: ['main-branch', 'branch', 'every-branch'] },
  tagName: { type: 'text', shapes: ['latest-for-tag'] },
  environmentName: { type: 'text', shapes: ['deployed', 'released', 'in-environment'] },
  environmentProduction: { type: 'integer', shapes: ['deployed', 'released', 'in-environment'] },
};

const selectorsStatement = compiledStatement((db: Db, shapes: string, values: SelectorsValues) => {
  const [first, ...others] = shapes.split(' ').map((shape, k) => {
    const of = (name: string) => values[`${name}${k}`] as string | undefined;
    const selectorValues = { providerId: values.providerId as number, consumer: of('consumer'), tag: of('tag'), branch: of('branch'), environmentName: of('environmentName') };
    const alias = `s${k}`;
    const query = selectorQuery(db, shape as SelectorShape, selectorValues) as unknown as SelectQueryBuilder<Database, never, SelectedPactRow>;
    return db.selectFrom(query.as(alias)).select([
      ...SELECTED_COLUMNS.map((column) => {
        const sometimes = SOMETIMES_COLUMNS[column];
        const given = sometimes === undefined || sometimes.shapes.includes(shape as SelectorShape);
        return (given ? sql.ref(`${alias}.${column}`) : sql`cast(null as ${sql.raw(sometimes.type)})`).as(column);
      }),
      sql.lit(k).as('selectorIndex'),
    ]) as unknown as SelectQueryBuilder<Database, never, SelectedPactRow & { selectorIndex: number }>;
  });
  return others.reduce((union, query) => union.unionAll(query), first!);
});

function selectorQuery(db: Db, shape: SelectorShape, values: SelectorValues): Compilable<SelectedPactRow> {
  const query = selectorPacts(db, values);
  const { environmentName, tag, branch } = values;
  switch (shape) {
    case 'deployed':
      return deployed(query, environmentName);
    case 'released':
      return released(query, environmentName);
    case 'in-environment':
      return deployed(query, environmentName).union(released(query, environmentName));
    case 'all-for-tag':
      return query.where((eb) => eb.exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'cv.id').where('t.name', '=', tag as string)));
    case 'main-branch':
      return branchHeads(query, null);
    case 'branch':
      return branchHeads(query, branch as string);
    case 'every-branch':
      return branchHeads(query, true);
    case 'latest-for-tag':
      return tagHeadPacts(db, values.providerId, query, tag);
    case 'overall-latest':
      return overallLatest(db, query);
  }
}

/** The provider's current pacts, of the one consumer when the selector names it. */
function selectorPacts(db: Db, { providerId, consumer }: SelectorValues): CurrentPacts {
  const query = currentPacts(db, providerId);
  return consumer === undefined ? query : query.where('c.name', '=', consumer);
}

/** The pacts of the branch heads: of one branch, of every branch (`true`), or of the consumer's main branch (`null`). */
export function branchHeads(query: CurrentPacts, branch: string | true | null) {
  // Joined on the pact's key (provider, consumer version): the planner starts from the few heads instead of
  // reading every pact of the provider (team issue 13: cost flat with history).
  if (branch === true) return query.innerJoin('branch_heads as bh', 'bh.version_id', 'lp.consumer_version_id').select('bh.branch_name as branchName');
  // One branch's head is found from the consumer by the branch's name (uq_branches_pacticipant_name), then its head
  // by branch id: joined by name to branch_heads, the main branch's heads were found by reading every head of every
  // feature branch (team issue 13: 0.1 ms at 500 versions per consumer, 0.36 ms at 5,000).
  return query
    .innerJoin('branches as b', (join) => {
      const ofConsumer = join.onRef('b.pacticipant_id', '=', 'lp.consumer_id');
      return branch === null ? ofConsumer.onRef('b.name', '=', 'c.main_branch') : ofConsumer.on('b.name', '=', branch);
    })
    .innerJoin('branch_heads as bh', (join) => join.onRef('bh.branch_id', '=', 'b.id').onRef('bh.version_id', '=', 'lp.consumer_version_id'))
    .select('bh.branch_name as branchName');
}

/** A branch or tag head: its consumer version and the branch's or tag's name. */
export interface Head {
  version_id: number | null;
  name: string;
}

/**
 * The current pacts of the heads (one row per head, with its name as `nameAs`), found in a second statement
 * by their consumer version ids: given the few ids, the planner reaches each pact by its key, where joined to
 * the heads' statement it guessed hundreds of heads and read every version (team issue 13).
 */
export async function pactsOfHeads(query: CurrentPacts, heads: readonly Head[], nameAs: 'branchName' | 'tagName'): Promise<SelectedPactRow[]> {
  const ids = [...new Set(heads.flatMap((head) => (head.version_id === null ? [] : [head.version_id])))];
  if (ids.length === 0) return [];
  const rows = await query.where('lp.consumer_version_id', 'in', ids).execute();
  const byVersion = new Map(rows.map((row) => [row.consumerVersionId, row]));
  return heads.flatMap((head) => {
    const row = head.version_id === null ? undefined : byVersion.get(head.version_id);
    return row ? [{ ...row, [nameAs]: head.name }] : [];
  });
}

/**
 * The current pacts of the tag heads (of the one tag, or of every tag of the provider's consumers), each with its tag
 * as `tagName`, in one statement, PostgreSQL only (team issue 13: each round trip cost the broker ~0.1 ms of CPU in
 * its socket write): each head's pact is reached by its key in a lateral join, which, unlike a plain join, the planner
 * cannot turn into a read of every version from its guess of hundreds of heads. SQLite, in process, has no round trip
 * to save and no lateral join: there the heads come first (tagHeadVersions), then their pacts (pactsOfHeads).
 */
export function tagHeadPacts(db: Db, providerId: number, query: CurrentPacts, tag: string | undefined) {
  return db
    .selectFrom(tagHeadVersions(db, providerId, tag).as('th'))
    .innerJoinLateral(query.where('lp.consumer_version_id', '=', sql.ref<number>('th.version_id')).as('x'), (join) => join.onTrue())
    .selectAll('x')
    .select('th.name as tagName');
}

/**
 * The version at the head of each tag (or of the one tag) of the provider's consumers: one backward step
 * of `ix_tags_pacticipant_name_order` per tag, so the cost follows the number of tag names, not of tagged
 * versions (team issue 13: grouping the tags read every one of them).
 */
export function tagHeadVersions(db: Db, providerId: number, tag: string | undefined) {
  return db
    .selectFrom(tagNames(db, providerId, tag).as('n'))
    .select((eb) => [
      eb
        .selectFrom('tags as t')
        .select('t.version_id')
        .whereRef('t.pacticipant_id', '=', 'n.pacticipant_id')
        .whereRef('t.name', '=', 'n.name')
        .orderBy('t.version_order', 'desc')
        .limit(1)
        .as('version_id'),
      'n.name as name',
    ]);
}

/** The tag (or each tag name) of each of the provider's consumers; the names are found by skipping from one to the next in the index. */
function tagNames(db: Db, providerId: number, tag: string | undefined) {
  const consumers = db.selectFrom('integrations as i').where('i.provider_id', '=', providerId);
  if (tag !== undefined) return consumers.select(['i.consumer_id as pacticipant_id', sql<string>`cast(${tag} as text)`.as('name')]);
  return db
    .withRecursive('tag_names(pacticipant_id, name)', (cte) =>
      consumers
        .select((eb) => ['i.consumer_id as pacticipant_id', nextTagName(db, eb.ref('i.consumer_id'), undefined).as('name')])
        .unionAll(
          cte
            .selectFrom('tag_names as previous')
            .where('previous.name', 'is not', null)
            .select((eb) => ['previous.pacticipant_id', nextTagName(db, eb.ref('previous.pacticipant_id'), eb.ref('previous.name')).as('name')]),
        ),
    )
    .selectFrom('tag_names')
    .where('tag_names.name', 'is not', null)
    .select(['tag_names.pacticipant_id', sql<string>`tag_names.name`.as('name')]);
}

/** The pacticipant's first tag name (after `after`, when given). */
function nextTagName(db: Db, pacticipantId: Expression<number>, after: Expression<string | null> | undefined) {
  const first = db.selectFrom('tags as t').select((s) => s.fn.min('t.name').as('name')).where('t.pacticipant_id', '=', pacticipantId);
  return after === undefined ? first : first.where('t.name', '>', after);
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
        // By the branch's name, then its head (team issue 13: by name in branch_heads it read every feature branch's head).
        .exists(eb.selectFrom('branches as b').innerJoin('branch_heads as bh', 'bh.branch_id', 'b.id').select('bh.id').whereRef('b.pacticipant_id', '=', 'c.id').whereRef('b.name', '=', 'c.main_branch'))
        .as('hasMainBranchVersion'),
      eb
        .exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.pacticipant_id', '=', 'c.id').whereRef('t.name', '=', 'c.main_branch'))
        .as('hasMainBranchTag'),
    ])
    .orderBy('c.name')
    .execute();
}
