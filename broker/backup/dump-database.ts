import { sql, type Kysely } from 'kysely';
import { isPostgres, type Db } from '../db/index.js';
import { backupTablesAt, type BackupTable } from './backup-tables.js';

/** What a snapshot holds, known before its rows are read (the backup's manifest needs it first). */
export interface DatabaseSnapshot {
  /** The last migration applied: the schema the rows fit. */
  schemaVersion: string;
  /** Rows of each table that schema version has. */
  counts: Partial<Record<BackupTable, number>>;
}

/** Rows of one table as newline-delimited JSON objects; a big table comes as several parts. */
export interface TableChunk {
  table: BackupTable;
  part: number;
  rows: number;
  ndjson: Buffer;
}

export interface DumpSink {
  begin(snapshot: DatabaseSnapshot): Promise<void>;
  chunk(chunk: TableChunk): Promise<void>;
}

/** Rows of any table, for code that walks every table by name. */
export type AnyTables = Record<string, Record<string, unknown>>;

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
const STREAM_BATCH_ROWS = 200;
/** Tables whose rows can be megabytes (pact content, test results, webhook logs): read a few rows at a time. */
const LARGE_ROW_TABLES: ReadonlySet<BackupTable> = new Set(['pact_versions', 'verifications', 'webhook_executions']);
const LARGE_ROW_BATCH = 2;

/**
 * Reads every table of the database's schema version inside one snapshot (repeatable read on
 * PostgreSQL, a read transaction in WAL mode on SQLite), so the broker keeps serving writes and the
 * dump stays self-consistent. Rows go out in chunks of about `chunkBytes`: nothing is held whole in memory.
 */
export async function dumpDatabase(db: Db, sink: DumpSink, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<void> {
  const transaction = isPostgres(db) ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  await transaction.execute(async (trx) => {
    const tables = trx as unknown as Kysely<AnyTables>;
    const version = await schemaVersion(tables);
    const present = backupTablesAt(version);
    await sink.begin({ schemaVersion: version, counts: await countRows(tables, present) });
    for (const table of present) await dumpTable(tables, table, sink, chunkBytes);
  });
}

/** The name of the last migration applied to the database. */
export async function schemaVersion(db: Kysely<AnyTables>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  const name = rows[0]?.name;
  if (name === undefined) throw new Error('The database has no migrations applied: it is not a broker database.');
  return name;
}

/** Rows of each of `tables`. */
export async function countRows(db: Kysely<AnyTables>, tables: readonly BackupTable[]): Promise<Partial<Record<BackupTable, number>>> {
  const counts: Partial<Record<BackupTable, number>> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

async function dumpTable(db: Kysely<AnyTables>, table: BackupTable, sink: DumpSink, chunkBytes: number): Promise<void> {
  let lines: string[] = [];
  let bytes = 0;
  let part = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    part += 1;
    await sink.chunk({ table, part, rows: lines.length, ndjson: Buffer.from(lines.join('')) });
    lines = [];
    bytes = 0;
  };
  const batch = LARGE_ROW_TABLES.has(table) ? LARGE_ROW_BATCH : STREAM_BATCH_ROWS;
  for await (const row of db.selectFrom(table).selectAll().stream(batch)) {
    const line = JSON.stringify(row) + '\n';
    lines.push(line);
    bytes += line.length;
    if (bytes >= chunkBytes) await flush();
  }
  await flush();
}
