import { sql } from 'kysely';
import { repairBranchHeads } from '../versions/index.js';
import type { Db } from '../db/index.js';
import type { KeepBranchSelector } from '../../shared/clean/clean-selectors.js';
import { cutoffDay } from './keep-versions.js';

/** The tables a clean reports on: the Ruby CleanIncremental::TABLES. */
export const CLEAN_TABLES = ['versions', 'pact_publications', 'pact_versions', 'verifications', 'triggered_webhooks', 'webhook_executions', 'branches'] as const;
export type CleanTable = (typeof CLEAN_TABLES)[number];

/** Rows per table now. */
export async function countTables(db: Db): Promise<Record<CleanTable, number>> {
  const counts = {} as Record<CleanTable, number>;
  for (const table of CLEAN_TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

/**
 * Branches no selector keeps, oldest first, at most `limit`: each pacticipant's main branch is
 * always kept (Ruby CleanIncremental#stale_branch_ids_to_keep).
 */
export async function staleBranchIds(db: Db, keepBranches: readonly KeepBranchSelector[], now: Date, limit: number): Promise<number[]> {
  if (keepBranches.length === 0) return [];
  const branches = await db
    .selectFrom('branches as b')
    .innerJoin('pacticipants as p', 'p.id', 'b.pacticipant_id')
    .select(['b.id', 'b.name', 'b.updated_at', 'p.main_branch'])
    .orderBy('b.id')
    .execute();
  const kept = (branch: (typeof branches)[number]) =>
    branch.name === branch.main_branch ||
    keepBranches.some(
      (selector) =>
        (selector.maxAge !== undefined && branch.updated_at >= cutoffDay(now, selector.maxAge)) || (selector.branch?.includes(branch.name) ?? false),
    );
  return branches.filter((branch) => !kept(branch)).slice(0, limit).map((branch) => branch.id);
}

/**
 * Overwritten data older than `cutoff` (Ruby DeleteOverwrittenData): pact publications that a
 * later publication for the same consumer version replaced, verifications of the same pact
 * version by the same provider version that a later one replaced, and triggered webhooks that
 * are not the latest of their webhook, integration and event (nor still being delivered).
 */
export async function overwrittenIds(db: Db, cutoff: string, limit: number): Promise<{ pactPublications: number[]; verifications: number[]; triggeredWebhooks: number[] }> {
  const pactPublications = await db
    .selectFrom('pact_publications')
    .select('id')
    .where('id', 'not in', db.selectFrom('latest_pact_publication_ids_for_consumer_versions').select('pact_publication_id'))
    .where('created_at', '<', cutoff)
    .orderBy('id')
    .limit(limit)
    .execute();
  const verifications = await db
    .selectFrom('verifications')
    .select('id')
    .where('id', 'not in', db.selectFrom('latest_verification_id_for_pact_version_and_provider_version').select('verification_id'))
    .where('created_at', '<', cutoff)
    .orderBy('id')
    .limit(limit)
    .execute();
  const latestTriggered = db
    .selectFrom('triggered_webhooks')
    .select((eb) => eb.fn.max('id').as('id'))
    .groupBy(['webhook_uuid', 'consumer_id', 'provider_id', 'event_name']);
  const triggeredWebhooks = await db
    .selectFrom('triggered_webhooks')
    .select('id')
    .where('id', 'not in', latestTriggered)
    .where('status', 'not in', ['not_run', 'retrying'])
    .where('created_at', '<', cutoff)
    .orderBy('id')
    .limit(limit)
    .execute();
  const ids = (rows: Array<{ id: number }>) => rows.map((row) => row.id);
  return { pactPublications: ids(pactPublications), verifications: ids(verifications), triggeredWebhooks: ids(triggeredWebhooks) };
}

/** Pact versions no publication and no verification refers to any more. */
export async function orphanPactVersionIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('pact_versions as pv')
    .select('pv.id')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('pact_publications as pp').select(sql.lit(1).as('one')).whereRef('pp.pact_version_id', '=', 'pv.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('verifications as v').select(sql.lit(1).as('one')).whereRef('v.pact_version_id', '=', 'pv.id'))),
    )
    .orderBy('pv.id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes versions with all that hangs on them (the schema's cascades: pacts, verifications,
 * tags, branch memberships, deployments, triggered webhooks and their logs); a branch whose head
 * went gets its next-latest version as head, as a single version's delete does.
 */
export async function deleteVersions(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const headed = await db.selectFrom('branch_heads').select('branch_id').distinct().where('version_id', 'in', ids).execute();
  await db.deleteFrom('versions').where('id', 'in', ids).execute();
  await repairBranchHeads(db, headed.map((row) => row.branch_id));
}

/** Ids per statement: far below SQLite's limit of bound parameters, whatever the deletion limit. */
const IDS_PER_STATEMENT = 100;

/** Deletes rows of `table` by id, {@link IDS_PER_STATEMENT} at a time. */
export async function deleteByIds(db: Db, table: 'branches' | 'pact_publications' | 'verifications' | 'triggered_webhooks' | 'pact_versions', ids: readonly number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
    await db.deleteFrom(table).where('id', 'in', ids.slice(start, start + IDS_PER_STATEMENT)).execute();
  }
}
