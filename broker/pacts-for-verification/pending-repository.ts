import { sql } from 'kysely';
import { compiledStatement, type Db } from '../db/index.js';

/**
 * Query code for pending status (docs/broker-api.md#pending-pacts, the Ruby broker's `pact_version.rb`): which of
 * the given pact contents have a successful verification of the kind asked, from any consumer version.
 */

/** Who verified: any provider version; one on the branch or with the tag; or one on another branch or with another tag before the branch or tag was created. */
export type PendingCriterion =
  | { kind: 'any' }
  | { kind: 'branch'; branch: string }
  | { kind: 'other-branch-before-branch-created'; providerId: number; branch: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'other-tag-before-tag-created'; providerId: number; tag: string };

/**
 * For each criterion, the ids among `pactVersionIds` with a successful verification matching it. One statement
 * for all of them (team issue 13: on a 2-core machine each round trip to PostgreSQL cost the broker ~0.1 ms of
 * CPU in its socket write alone, as much as a small statement's run).
 */
export async function findSuccessfullyVerified<const C extends readonly PendingCriterion[]>(
  db: Db,
  pactVersionIds: readonly number[],
  criteria: C,
): Promise<{ [K in keyof C]: Set<number> }> {
  const verified = criteria.map(() => new Set<number>()) as { [K in keyof C]: Set<number> } & Array<Set<number>>;
  if (pactVersionIds.length === 0 || criteria.length === 0) return verified;
  const values: PendingValues = {};
  criteria.forEach((criterion, index) => {
    if ('branch' in criterion) values[`name${index}`] = criterion.branch;
    if ('tag' in criterion) values[`name${index}`] = criterion.tag;
    if ('providerId' in criterion) values[`provider${index}`] = criterion.providerId;
  });
  pactVersionIds.forEach((id, index) => (values[`id${index}`] = id));
  const shape = `${criteria.map((criterion) => criterion.kind).join(' ')} ids ${pactVersionIds.length}`;
  const { rows } = await db.executeQuery(successesStatement(db, shape, values));
  for (const row of rows) verified[row.criterion]!.add(row.pact_version_id);
  return verified;
}

/** Each criterion's branch or tag name (`name<i>`) and provider id (`provider<i>`), and the pact version ids (`id<j>`). */
type PendingValues = Record<string, string | number>;

/**
 * Built and compiled once per shape, its criteria's kinds and the number of ids (team issue 13: Kysely building and
 * compiling a pacts-for-verification request's statements was ~19 % of the broker's CPU for it).
 */
const successesStatement = compiledStatement((db: Db, shape: string, values: PendingValues) => {
  const [kinds = '', count = '0'] = shape.split(' ids ');
  const ids = Array.from({ length: Number(count) }, (_, index) => values[`id${index}`] as number);
  const [first, ...others] = kinds
    .split(' ')
    .map((kind, index) => verifiedBy(db, ids, criterionOf(kind, values[`name${index}`] as string, values[`provider${index}`] as number)).select(sql.lit(index).as('criterion')));
  return others.reduce((union, query) => union.unionAll(query), first!);
});

function criterionOf(kind: string, name: string, providerId: number): PendingCriterion {
  switch (kind as PendingCriterion['kind']) {
    case 'any':
      return { kind: 'any' };
    case 'branch':
      return { kind: 'branch', branch: name };
    case 'other-branch-before-branch-created':
      return { kind: 'other-branch-before-branch-created', providerId, branch: name };
    case 'tag':
      return { kind: 'tag', tag: name };
    case 'other-tag-before-tag-created':
      return { kind: 'other-tag-before-tag-created', providerId, tag: name };
  }
}

function verifiedBy(db: Db, pactVersionIds: readonly number[], criterion: PendingCriterion) {
  let query = db
    .selectFrom('verifications as ver')
    .select('ver.pact_version_id')
    .distinct()
    .where('ver.success', '=', 1)
    .where('ver.pact_version_id', 'in', pactVersionIds);
  switch (criterion.kind) {
    case 'any':
      break;
    case 'branch':
      query = query.innerJoin('branch_versions as bv', (join) => join.onRef('bv.version_id', '=', 'ver.provider_version_id').on('bv.branch_name', '=', criterion.branch));
      break;
    case 'other-branch-before-branch-created':
      query = query
        .innerJoin('branch_versions as bv', (join) => join.onRef('bv.version_id', '=', 'ver.provider_version_id').on('bv.branch_name', '<>', criterion.branch))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('branches as b')
                .select('b.id')
                .where('b.pacticipant_id', '=', criterion.providerId)
                .where('b.name', '=', criterion.branch)
                .whereRef('b.created_at', '<=', 'ver.created_at'),
            ),
          ),
        );
      break;
    case 'tag':
      query = query.innerJoin('tags as t', (join) => join.onRef('t.version_id', '=', 'ver.provider_version_id').on('t.name', '=', criterion.tag));
      break;
    case 'other-tag-before-tag-created':
      query = query
        .innerJoin('tags as t', (join) => join.onRef('t.version_id', '=', 'ver.provider_version_id').on('t.name', '<>', criterion.tag))
        // Before the first tag of that name: no such tag was created at or before the verification.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('tags as first')
                .select('first.name')
                .where('first.pacticipant_id', '=', criterion.providerId)
                .where('first.name', '=', criterion.tag)
                .whereRef('first.created_at', '<=', 'ver.created_at'),
            ),
          ),
        );
      break;
  }
  return query;
}
