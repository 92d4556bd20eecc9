import type { Db } from '../db/index.js';
import { readCleanFacts, type CleanFacts } from './clean-facts.js';
import { CLEAN_TABLES, countTables, deleteByIds, deleteVersions, orphanPactVersionIds, overwrittenIds, staleBranchIds, type CleanTable } from './clean-repository.js';
import type { KeepBranchSelector, KeepSelector } from '../../shared/clean/clean-selectors.js';
import { versionSummary, type VersionSummary } from './dry-run-summary.js';
import { cutoffDay, versionIdsSelectedBy, versionIdsToKeep } from './keep-versions.js';

/** What to clean (team issue 14), with the PACT_BROKER_DATABASE_CLEAN_* semantics. */
export interface CleanOptions {
  /** Versions to keep; every other version goes, oldest first. */
  keep: readonly KeepSelector[];
  /** Branches to keep besides main branches; empty: no branch is deleted. */
  keepBranches: readonly KeepBranchSelector[];
  /** At most this many versions (and as many stale branches, and of each kind of overwritten data) go in one clean. */
  deletionLimit: number;
  /** Overwritten pacts, verifications and webhook logs older than this many days go. */
  overwrittenDataMaxAge: number;
  dryRun: boolean;
  now: Date;
}

/** Deleted and kept rows of one table. */
export interface TableCounts {
  deleted: number;
  kept: number;
}

export interface CleanResult {
  dryRun: false;
  /** Per table, as the Ruby CleanIncremental answers. */
  tables: Record<CleanTable, TableCounts>;
}

export interface DryRunResult {
  dryRun: true;
  /** The Ruby CleanIncremental dry run's `counts`. */
  counts: {
    totalVersions: number;
    versionsToDelete: number;
    versionsNotToKeep: number;
    versionsToKeep: number;
    versionsToKeepBySelector: Array<{ selector: KeepSelector; count: number }>;
    totalBranches: number;
    branchesToDelete: number;
    branchesToKeep: number;
  };
  /** Per pacticipant: the versions that would go and those that would stay. */
  versionSummary: Record<string, VersionSummary>;
  /** Overwritten data that would go (Ruby DeleteOverwrittenData's dry run). */
  overwrittenData: Record<'pact_publications' | 'verifications' | 'triggered_webhooks', number>;
}

/** Versions deleted per transaction: a long clean never holds the database for long. */
export const VERSIONS_PER_TRANSACTION = 100;

/** Cleans the broker's database, or with `dryRun` tells what a clean would delete and deletes nothing. */
export async function cleanDatabase(db: Db, options: CleanOptions): Promise<CleanResult | DryRunResult> {
  const staleBranches = await staleBranchIds(db, options.keepBranches, options.now, options.deletionLimit);
  if (options.dryRun) return dryRunResult(db, staleBranches, await planVersions(db, options, new Set(staleBranches)), options);
  const before = await countTables(db);
  await db.transaction().execute((tx) => deleteByIds(tx, 'branches', staleBranches));
  const plan = await planVersions(db, options);
  for (let start = 0; start < plan.versionIdsToDelete.length; start += VERSIONS_PER_TRANSACTION) {
    const batch = plan.versionIdsToDelete.slice(start, start + VERSIONS_PER_TRANSACTION);
    await db.transaction().execute((tx) => deleteVersions(tx, batch));
  }
  await deleteOverwrittenData(db, options);
  await deleteByIds(db, 'pact_versions', await orphanPactVersionIds(db));
  const after = await countTables(db);
  const tables = Object.fromEntries(CLEAN_TABLES.map((table) => [table, { deleted: before[table] - after[table], kept: after[table] }]));
  return { dryRun: false, tables: tables as Record<CleanTable, TableCounts> };
}

interface VersionPlan {
  facts: CleanFacts;
  keptIds: Set<number>;
  versionIdsToDelete: number[];
}

/** The versions to keep and to delete, once the branches `goneBranchIds` are gone. */
async function planVersions(db: Db, options: CleanOptions, goneBranchIds?: ReadonlySet<number>): Promise<VersionPlan> {
  const facts = await readCleanFacts(db, goneBranchIds);
  const keptIds = versionIdsToKeep(facts, options.keep, options.now);
  // Oldest first (lowest id), as the Ruby versions_to_delete orders them.
  const versionIdsToDelete = facts.versions.filter((version) => !keptIds.has(version.id)).map((version) => version.id).slice(0, options.deletionLimit);
  return { facts, keptIds, versionIdsToDelete };
}

async function deleteOverwrittenData(db: Db, options: CleanOptions): Promise<void> {
  const ids = await overwrittenIds(db, cutoffOf(options), options.deletionLimit);
  await db.transaction().execute(async (tx) => {
    await deleteByIds(tx, 'triggered_webhooks', ids.triggeredWebhooks);
    await deleteByIds(tx, 'verifications', ids.verifications);
    await deleteByIds(tx, 'pact_publications', ids.pactPublications);
  });
}

function cutoffOf(options: CleanOptions): string {
  return new Date(options.now.getTime() - options.overwrittenDataMaxAge * 86_400_000).toISOString();
}

async function dryRunResult(db: Db, staleBranches: number[], plan: VersionPlan, options: CleanOptions): Promise<DryRunResult> {
  const { facts, keptIds, versionIdsToDelete } = plan;
  const overwritten = await overwrittenIds(db, cutoffOf(options), options.deletionLimit);
  const totalBranches = (await countTables(db)).branches;
  return {
    dryRun: true,
    counts: {
      totalVersions: facts.versions.length,
      versionsToDelete: versionIdsToDelete.length,
      versionsNotToKeep: facts.versions.length - keptIds.size,
      versionsToKeep: keptIds.size,
      versionsToKeepBySelector: options.keep.map((selector) => ({ selector, count: versionIdsSelectedBy(facts, selector, options.now).size })),
      totalBranches,
      branchesToDelete: staleBranches.length,
      branchesToKeep: totalBranches - staleBranches.length,
    },
    versionSummary: versionSummary(facts, new Set(versionIdsToDelete), options.now),
    overwrittenData: {
      pact_publications: overwritten.pactPublications.length,
      verifications: overwritten.verifications.length,
      triggered_webhooks: overwritten.triggeredWebhooks.length,
    },
  };
}
