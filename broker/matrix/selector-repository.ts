import type { Db, EnvironmentRow } from '../db/index.js';
import { versionIdsCurrentlyIn } from '../deployments/index.js';

/** Query code that turns matrix selectors into versions, and finds what the matrix shows about versions. */

export interface SelectedVersion {
  id: number;
  number: string;
  order: number;
}

/** What a selector asks of one pacticipant's versions. */
export interface VersionCriteria {
  number?: string;
  tag?: string;
  branch?: string;
  environmentName?: string;
  /** The newest matching version only; for a branch, its head. */
  latest?: boolean;
}

/** The pacticipant's versions matching every criterion, newest first (`Version.for_selector`). */
export async function findVersionsForCriteria(db: Db, pacticipantId: number, criteria: VersionCriteria): Promise<SelectedVersion[]> {
  const { number, tag, branch, environmentName } = criteria;
  let query = db.selectFrom('versions as v').select(['v.id', 'v.number', 'v.order']).where('v.pacticipant_id', '=', pacticipantId);
  if (number !== undefined) query = query.where('v.number', '=', number);
  if (tag !== undefined) {
    query = query.where((eb) => eb.exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'v.id').where('t.name', '=', tag)));
  }
  if (branch !== undefined && criteria.latest) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('branch_heads as bh').select('bh.id').whereRef('bh.version_id', '=', 'v.id').where('bh.branch_name', '=', branch)),
    );
  } else if (branch !== undefined) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('branch_versions as bv').select('bv.id').whereRef('bv.version_id', '=', 'v.id').where('bv.branch_name', '=', branch)),
    );
  }
  if (environmentName !== undefined) query = query.where('v.id', 'in', versionIdsCurrentlyIn(db, environmentName));
  query = query.orderBy('v.order', 'desc');
  if (criteria.latest) query = query.limit(1);
  return query.execute();
}

/** What the matrix shows about a version besides its number. */
export interface VersionFacts {
  tags: { name: string; latest: boolean; createdAt: string }[];
  branchVersions: { branchName: string; latest: boolean }[];
  environments: EnvironmentRow[];
}

/** Tags, branches and current environments of many versions, in three queries. */
export async function findVersionFacts(db: Db, versionIds: readonly number[]): Promise<Map<number, VersionFacts>> {
  const facts = new Map<number, VersionFacts>(versionIds.map((id) => [id, { tags: [], branchVersions: [], environments: [] }]));
  if (versionIds.length === 0) return facts;
  const ids = [...new Set(versionIds)];
  const tags = await db
    .selectFrom('tags as t')
    .select((eb) => [
      't.version_id',
      't.name',
      't.created_at',
      eb(
        't.version_order',
        '=',
        eb.selectFrom('tags as t2').select((s) => s.fn.max('t2.version_order').as('max_order')).whereRef('t2.pacticipant_id', '=', 't.pacticipant_id').whereRef('t2.name', '=', 't.name'),
      ).as('is_latest'),
    ])
    .where('t.version_id', 'in', ids)
    .orderBy('t.created_at')
    .orderBy('t.name')
    .execute();
  for (const tag of tags) facts.get(tag.version_id)?.tags.push({ name: tag.name, latest: Boolean(tag.is_latest), createdAt: tag.created_at });
  const branchVersions = await db
    .selectFrom('branch_versions as bv')
    .leftJoin('branch_heads as bh', 'bh.branch_version_id', 'bv.id')
    .select(['bv.version_id', 'bv.branch_name', 'bh.id as head_id'])
    .where('bv.version_id', 'in', ids)
    .orderBy('bv.id')
    .execute();
  for (const row of branchVersions) facts.get(row.version_id)?.branchVersions.push({ branchName: row.branch_name, latest: row.head_id !== null });
  for (const { version_id, ...environment } of await findCurrentEnvironments(db, ids)) facts.get(version_id)?.environments.push(environment);
  return facts;
}

/** Environments each version is currently deployed to or released (and supported) in, oldest record first, each once. */
async function findCurrentEnvironments(db: Db, versionIds: number[]): Promise<(EnvironmentRow & { version_id: number })[]> {
  const deployed = db
    .selectFrom('deployed_versions as d')
    .innerJoin('currently_deployed_version_ids as cd', 'cd.deployed_version_id', 'd.id')
    .select(['d.version_id', 'd.environment_id', 'd.created_at'])
    .where('d.version_id', 'in', versionIds);
  const released = db
    .selectFrom('released_versions as r')
    .select(['r.version_id', 'r.environment_id', 'r.created_at'])
    .where('r.version_id', 'in', versionIds)
    .where('r.support_ended_at', 'is', null);
  const rows = await db
    .selectFrom(deployed.unionAll(released).as('current'))
    .innerJoin('environments as e', 'e.id', 'current.environment_id')
    .selectAll('e')
    .select(['current.version_id'])
    .orderBy('current.created_at')
    .execute();
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.version_id}:${row.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
