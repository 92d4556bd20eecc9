import { isPostgres, openDatabase, type Db, MIGRATION_NAMES, migrateUpTo } from '../db/index.js';
import { dumpDatabase, schemaVersion, type AnyTables, type DumpSink } from './dump-database.js';
import { DatabaseLoader } from './load-database.js';
import { sql, type Kysely } from 'kysely';
import { BACKUP_TABLES, type BackupTable } from './backup-tables.js';

export { BACKUP_TABLES, type BackupTable } from './backup-tables.js';
export { BackupDataError, BackupRowError } from './load-database.js';
export type { DatabaseSnapshot, DumpSink, TableChunk } from './dump-database.js';

/** The broker's schema versions (its migrations' names), oldest first: what a backup's manifest names. */
export const SCHEMA_VERSIONS: readonly string[] = MIGRATION_NAMES;

/** Where a restore loads before the swap: a database URL, and PostgreSQL's schema in it. */
export interface StagingTarget {
  url: string;
  schema?: string;
}

/** A backup's rows going into a staging database; `finish` or `abort` closes it. */
export interface StagingLoad {
  loadChunk(table: string, ndjson: Buffer): Promise<void>;
  /** Ends the load, lets `check` refuse the rows loaded (by throwing), then migrates staging to this broker's latest schema, analyzes it and closes it. */
  finish(check: (counts: Record<BackupTable, number>) => void): Promise<void>;
  /** Closes the staging connection, whatever state the load is in. */
  abort(): Promise<void>;
}

/** Dumps the broker database at `url` into `sink` inside one snapshot, then closes its connection. */
export async function dumpBrokerDatabase(url: string, sink: DumpSink): Promise<void> {
  await withDatabase(openDatabase(url), (db) => dumpDatabase(db, sink));
}

/** The schema version (last migration applied) of the broker database at `url`. */
export async function liveSchemaVersion(url: string): Promise<string> {
  return withDatabase(openDatabase(url, { maxConnections: 1 }), (db) => schemaVersion(db as unknown as Kysely<AnyTables>));
}

/** Migrates an empty staging database up to the backup's `version` and opens a loader of its rows. */
export async function openStagingLoad(target: StagingTarget, version: string): Promise<StagingLoad> {
  const staging = openDatabase(target.url, { schema: target.schema, maxConnections: 1 });
  try {
    await migrateUpTo(staging, version, target.schema);
    const loader = await DatabaseLoader.open(staging, target.schema);
    return {
      loadChunk: (table, ndjson) => loader.loadChunk(table, ndjson),
      finish: async (check) => {
        await loader.finish();
        check(loader.counts());
        await migrateUpTo(staging, undefined, target.schema);
        await analyzeTables(staging);
        await staging.destroy();
      },
      abort: async () => {
        await loader.abort();
        await staging.destroy();
      },
    };
  } catch (error) {
    await staging.destroy().catch(() => {});
    throw error;
  }
}

/**
 * Team issue 13: on PostgreSQL a restored database planned without statistics until autovacuum came
 * by (the WIP statement took 166 ms instead of 2). Unqualified names: the handle's search path is
 * the staging schema. SQLite is left alone: the broker never analyzes its live SQLite databases and
 * nothing there refreshes statistics (no autovacuum), so a restore's would go stale as history grew
 * while every tenant never restored plans without any.
 */
async function analyzeTables(db: Db): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`analyze ${sql.join(BACKUP_TABLES.map((table) => sql.id(table)))}`.execute(db);
}

async function withDatabase<T>(db: Db, use: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}
