import { sql, type Expression, type SqlBool } from 'kysely';
import { compiledStatement, isPostgres, type Db } from '../db/index.js';
import { currentPacts, pactsOfHeads, tagHeadPacts, tagHeadVersions, type SelectedPactRow } from './selection-repository.js';

/**
 * Query code for work-in-progress pacts (docs/broker-api.md#wip-pacts, the Ruby broker's
 * `pact_publication_wip_dataset_module.rb`): the candidates, and which of them a non-WIP
 * success by the provider branch or tag disqualifies.
 */

/**
 * Current pacts published after `since` that are the pact of a consumer branch head, or of a consumer tag head;
 * with `unverifiedBy`, only those its verifiers have not verified. Two statements (team issue 13): the heads, then
 * their pacts by key. Every feature branch head is a candidate, so the branch heads are filtered in the first,
 * from `branch_head_pacts` (each head's current pact per provider) and the branch's recorded successes
 * (`pact_version_provider_branch_successful_verifications`), and only the WIP heads reach the second; the few
 * tag heads are filtered in the second. Before, every request joined every head with every pact, and every
 * success in the look-back window with the provider's branch versions: 6-8 ms at 5,000 versions per consumer.
 */
export async function findWipCandidates(db: Db, providerId: number, since: string, heads: 'branch' | 'tag', unverifiedBy?: BranchVerifiers): Promise<SelectedPactRow[]> {
  const values = { providerId, since, branch: unverifiedBy?.branch, lookBackFrom: unverifiedBy?.lookBackFrom };
  if (heads === 'tag') {
    // Named, on generic plans: the few tag heads' keys lead the statement (two on SQLite) to their rows whatever the
    // values (0.1 ms each at 500 and 5,000 versions), where planning them at each run took 0.4 and 1.8-4 ms (team issue 13).
    if (isPostgres(db)) return (await db.executeQuery(wipTagHeadPactsStatement(db, 'tag', values))).rows;
    return pactsOfHeads(wipPacts(db, values), await tagHeadVersions(db, providerId, undefined).execute(), 'tagName');
  }
  const { rows } = await db.executeQuery(wipBranchHeadsStatement(db, 'branch', values));
  // Most often none: then no statement is built for their pacts.
  return rows.length === 0 ? [] : pactsOfHeads(wipPacts(db, values), rows, 'branchName');
}

/** The provider, the publication date after which pacts are WIP, and (when given) the provider branch whose verifiers' successes disqualify them. */
interface WipValues {
  providerId: number;
  since: string;
  branch: string | undefined;
  lookBackFrom: string | undefined;
}

// Built and compiled once (team issue 13: Kysely building and compiling a request's statements was ~19 % of its CPU).
const wipTagHeadPactsStatement = compiledStatement((db: Db, _shape: 'tag', values: WipValues) => tagHeadPacts(db, values.providerId, wipPacts(db, values), undefined));
// On its generic plan (team issue 13): with the branch's and the other branches' successes asked in one `not exists`,
// PostgreSQL's generic plan hash-anti-joins the heads with the provider's successes in the look-back window whatever
// the branch: 3.0-3.4 ms at 5,000 versions per consumer for `main`, 3.1 for a branch without versions (EXPLAIN
// ANALYZE on an analyzed copy of the seed). Asked in two, its generic plan took 477 ms for a branch without versions,
// so it was planned with its values at each request: 1-2.5 ms of planning, then 4 ms.
const wipBranchHeadsStatement = compiledStatement((db: Db, _shape: 'branch', values: WipValues) => {
  const branchHeads = db
    .selectFrom('branch_head_pacts as h')
    .where('h.provider_id', '=', values.providerId)
    // Migration 013: a head whose pact is older than the date is no candidate, so its pact is not read.
    .where('h.published_at', '>', values.since)
    .select(['h.consumer_version_id as version_id', 'h.branch_name as name']);
  const verifiers = branchVerifiers(values);
  return verifiers === undefined ? branchHeads : branchHeads.where(unverified(db, sql.ref<number>('h.pact_version_id'), verifiers));
});

/** The current pacts published after `since`, only those the branch's verifiers have not verified when a branch is given. */
function wipPacts(db: Db, values: WipValues) {
  const pacts = currentPacts(db, values.providerId).where('pp.created_at', '>', values.since);
  const verifiers = branchVerifiers(values);
  return verifiers === undefined ? pacts : pacts.where(unverified(db, sql.ref<number>('lp.pact_version_id'), verifiers));
}

function branchVerifiers({ providerId, branch, lookBackFrom }: WipValues): BranchVerifiers | undefined {
  return branch === undefined || lookBackFrom === undefined ? undefined : { providerId, branch, lookBackFrom };
}

/**
 * The pact content has no successful verification, not as WIP, since `lookBackFrom` by the branch's verifiers:
 * provider versions on the branch, or on another branch before the branch's first version was created.
 */
function unverified(db: Db, pactVersionId: Expression<number>, verifiers: BranchVerifiers) {
  const { providerId, branch, lookBackFrom } = verifiers;
  const successes = db
    .selectFrom('pact_version_provider_branch_successful_verifications as s')
    .select('s.verification_id')
    .where('s.provider_id', '=', providerId)
    .where('s.pact_version_id', '=', pactVersionId)
    .where('s.execution_date', '>=', lookBackFrom)
    .where(({ eb, fn, or, selectFrom }) => {
      const firstVersionCreatedAt = selectFrom('branch_versions as first')
        .innerJoin('versions as v', 'v.id', 'first.version_id')
        .select('v.created_at')
        .where('first.pacticipant_id', '=', providerId)
        .where('first.branch_name', '=', branch)
        .orderBy('first.created_at')
        .orderBy('first.id')
        .limit(1);
      // On the branch, or on another one before the branch existed (no `branch_name <>` needed: a success on the
      // branch counts whatever its date in the window). A branch without versions bounds nothing: after every date.
      return or([eb('s.branch_name', '=', branch), eb('s.execution_date', '<', fn.coalesce(firstVersionCreatedAt, sql.lit(NO_FIRST_VERSION)))]);
    });
  return sql<SqlBool>`not exists ${successes}`;
}

/** Provider versions on the branch (or on another branch before the branch's first version was created); only verifications executed since `lookBackFrom` count. */
export interface BranchVerifiers {
  providerId: number;
  branch: string;
  lookBackFrom: string;
}

/** Later than any execution date (ISO 8601 text). */
const NO_FIRST_VERSION = '9999-12-31T00:00:00.000Z';

/** Provider versions with the tag, or with another tag before the first tag of that name was created. */
export interface TagVerifiers {
  providerId: number;
  tag: string;
  others: boolean;
}

/** The ids among `pactVersionIds` successfully verified, not as WIP, by the tag's verifiers (recorded per tag when results are published). */
export async function findVerifiedNotWipByTag(db: Db, pactVersionIds: readonly number[], verifiers: TagVerifiers): Promise<Set<number>> {
  if (pactVersionIds.length === 0) return new Set();
  const { providerId, tag, others } = verifiers;
  let query = db
    .selectFrom('pact_version_provider_tag_successful_verifications as sv')
    .select('sv.pact_version_id')
    .distinct()
    .where('sv.pact_version_id', 'in', pactVersionIds)
    .where('sv.wip', '=', 0)
    .where('sv.provider_version_tag_name', others ? '<>' : '=', tag);
  if (others) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('tags as first')
            .select('first.name')
            .where('first.pacticipant_id', '=', providerId)
            .where('first.name', '=', tag)
            .whereRef('first.created_at', '<=', 'sv.execution_date'),
        ),
      ),
    );
  }
  const rows = await query.execute();
  return new Set(rows.map((row) => row.pact_version_id));
}
