import type { Db } from '../db/database.js';
import { branchHeads, currentPacts, tagHeads, type SelectedPactRow } from './selection-repository.js';

/**
 * Query code for work-in-progress pacts (docs/broker-api.md#wip-pacts, the Ruby broker's
 * `pact_publication_wip_dataset_module.rb`): the candidates, and which of them a non-WIP
 * success by the provider branch or tag disqualifies.
 */

/** Current pacts published after `since` that are the pact of a consumer branch head, or of a consumer tag head. */
export async function findWipCandidates(db: Db, providerId: number, since: string, heads: 'branch' | 'tag'): Promise<SelectedPactRow[]> {
  const query = currentPacts(db, providerId).where('pp.created_at', '>', since);
  return heads === 'branch' ? branchHeads(query, true).execute() : tagHeads(db, query, providerId, undefined).execute();
}

/**
 * Provider versions on the branch, or on another branch before the branch's first version was
 * created; only verifications executed since `lookBackFrom` count.
 */
export interface BranchVerifiers {
  providerId: number;
  branch: string;
  others: boolean;
  lookBackFrom: string;
}

/** The ids among `pactVersionIds` successfully verified, not as WIP, by the branch's verifiers. */
export async function findVerifiedNotWipByBranch(db: Db, pactVersionIds: readonly number[], verifiers: BranchVerifiers): Promise<Set<number>> {
  if (pactVersionIds.length === 0) return new Set();
  const { providerId, branch, others, lookBackFrom } = verifiers;
  let query = db
    .selectFrom('verifications as ver')
    .innerJoin('branch_versions as bv', (join) =>
      join
        .onRef('bv.version_id', '=', 'ver.provider_version_id')
        .on('bv.pacticipant_id', '=', providerId)
        .on('bv.branch_name', others ? '<>' : '=', branch),
    )
    .select('ver.pact_version_id')
    .distinct()
    .where('ver.pact_version_id', 'in', pactVersionIds)
    .where('ver.provider_id', '=', providerId)
    .where('ver.success', '=', 1)
    .where('ver.wip', '=', 0)
    .where('ver.execution_date', '>=', lookBackFrom);
  if (others) {
    query = query.where(({ eb, or, selectFrom }) => {
      const firstVersionCreatedAt = selectFrom('branch_versions as first')
        .innerJoin('versions as v', 'v.id', 'first.version_id')
        .select('v.created_at')
        .where('first.pacticipant_id', '=', providerId)
        .where('first.branch_name', '=', branch)
        .orderBy('first.created_at')
        .orderBy('first.id')
        .limit(1);
      return or([eb(firstVersionCreatedAt, 'is', null), eb('ver.execution_date', '<', firstVersionCreatedAt)]);
    });
  }
  const rows = await query.execute();
  return new Set(rows.map((row) => row.pact_version_id));
}

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
