import type { Db } from '../db/index.js';

/** One version, as much of it as the keep selectors look at. */
export interface CleanVersion {
  id: number;
  number: string;
  pacticipantId: number;
  order: number;
  createdAt: string;
}

/**
 * Everything the keep selectors select from (team issue 14), read once: a clean chooses among
 * versions by their tags, branches, deployments and releases, so reading these columns up front
 * takes a handful of statements whatever the selectors, on SQLite and PostgreSQL alike.
 */
export interface CleanFacts {
  versions: CleanVersion[];
  pacticipants: Map<number, { name: string; mainBranch: string | null }>;
  tagsByVersion: Map<number, string[]>;
  branchesByVersion: Map<number, string[]>;
  branchHeadsByVersion: Map<number, string[]>;
  /** Version id → names of the environments it is currently deployed to. */
  deployedTo: Map<number, string[]>;
  /** Version id → names of the environments where it is released and still supported. */
  supportedIn: Map<number, string[]>;
}

/**
 * Reads the facts the keep selectors need, as if the branches `goneBranchIds` were deleted: the
 * Ruby clean deletes stale branches before it selects versions, so their heads keep nothing.
 */
export async function readCleanFacts(db: Db, goneBranchIds: ReadonlySet<number> = new Set()): Promise<CleanFacts> {
  const versions = await db.selectFrom('versions').select(['id', 'number', 'pacticipant_id', 'order', 'created_at']).orderBy('id').execute();
  const pacticipants = await db.selectFrom('pacticipants').select(['id', 'name', 'main_branch']).execute();
  const tags = await db.selectFrom('tags').select(['version_id', 'name']).execute();
  const present = (row: { branch_id: number }) => !goneBranchIds.has(row.branch_id);
  const branches = (await db.selectFrom('branch_versions').select(['version_id', 'branch_name', 'branch_id']).execute()).filter(present);
  const heads = (await db.selectFrom('branch_heads').select(['version_id', 'branch_name', 'branch_id']).execute()).filter(present);
  const deployed = await db
    .selectFrom('currently_deployed_version_ids as c')
    .innerJoin('environments as e', 'e.id', 'c.environment_id')
    .select(['c.version_id', 'e.name'])
    .execute();
  const released = await db
    .selectFrom('released_versions as r')
    .innerJoin('environments as e', 'e.id', 'r.environment_id')
    .where('r.support_ended_at', 'is', null)
    .select(['r.version_id', 'e.name'])
    .execute();
  return {
    versions: versions.map((row) => ({ id: row.id, number: row.number, pacticipantId: row.pacticipant_id, order: row.order, createdAt: row.created_at })),
    pacticipants: new Map(pacticipants.map((row) => [row.id, { name: row.name, mainBranch: row.main_branch }])),
    tagsByVersion: groupNames(tags.map((row) => [row.version_id, row.name])),
    branchesByVersion: groupNames(branches.map((row) => [row.version_id, row.branch_name])),
    branchHeadsByVersion: groupNames(heads.map((row) => [row.version_id, row.branch_name])),
    deployedTo: groupNames(deployed.map((row) => [row.version_id, row.name])),
    supportedIn: groupNames(released.map((row) => [row.version_id, row.name])),
  };
}

function groupNames(pairs: Array<[number, string]>): Map<number, string[]> {
  const grouped = new Map<number, string[]>();
  for (const [id, name] of pairs) {
    const names = grouped.get(id);
    if (names) names.push(name);
    else grouped.set(id, [name]);
  }
  return grouped;
}
