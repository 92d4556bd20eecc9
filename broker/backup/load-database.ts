import { isAscii } from 'node:buffer';
import type { Kysely } from 'kysely';
import { isPostgres } from '../db/index.js';
import { BACKUP_TABLES, isBackupTable, type BackupTable } from './backup-tables.js';
import { CopyFailure, CopyValueError, copyInto, copyText, quoteIdentifier } from './copy-rows.js';
import type { AnyTables } from './dump-database.js';
import { LoadSession } from './load-session.js';
import { rowProblem } from './row-schemas.js';

/** The archive's rows do not fit the database: the message says which and why. */
export class BackupDataError extends Error {}

/** A row whose values do not fit its table's column types (issue 11): the message names table, row and column. */
export class BackupRowError extends BackupDataError {}

const INSERT_BATCH_ROWS = 200;

/**
 * Loads NDJSON chunks (as `dumpDatabase` writes them) into an empty database migrated to the
 * backup's schema version, checking every row's shape first: with COPY on PostgreSQL (issue 13),
 * batched INSERTs on SQLite. Give it a handle, not a transaction: on PostgreSQL it holds one of
 * the handle's connections (load-session.ts) until `finish`, `abort` or its first failure. There a
 * chunk's COPY runs while the next chunk is read and checked, so a problem the server finds
 * surfaces at the next `loadChunk` or at `finish`.
 */
export class DatabaseLoader {
  private readonly loaded = new Map<BackupTable, number>();
  private lastTableIndex = 0;
  /** The COPY under way: resolves to its problem, if any (never rejects, so nothing goes unhandled). */
  private copying: Promise<{ problem: unknown } | undefined> = Promise.resolve(undefined);

  /** The table under way on PostgreSQL, and whether its COPYs may FREEZE. */
  private current: { table: BackupTable; freeze: boolean } | undefined;
  /** Whether the PostgreSQL connection was given back. */
  private released = false;

  private constructor(
    private readonly db: Kysely<AnyTables>,
    private readonly columns: ReadonlyMap<string, readonly string[]>,
    private readonly session: LoadSession | undefined,
  ) {}

  /** `schema`: PostgreSQL's schema to load (introspection lists every schema's tables). */
  static async open<DB>(db: Kysely<DB>, schema?: string): Promise<DatabaseLoader> {
    const tables = (await db.introspection.getTables()).filter((table) => schema === undefined || table.schema === schema);
    const columns = new Map(tables.map((table) => [table.name, table.columns.map((column) => column.name).sort()]));
    const session = isPostgres(db) ? await LoadSession.start(db, schema) : undefined;
    return new DatabaseLoader(db as unknown as Kysely<AnyTables>, columns, session);
  }

  /** Rows loaded so far, per table. */
  counts(): Record<BackupTable, number> {
    return Object.fromEntries(BACKUP_TABLES.map((table) => [table, this.loaded.get(table) ?? 0])) as Record<BackupTable, number>;
  }

  async loadChunk(table: string, ndjson: Buffer): Promise<void> {
    await this.failing(() => this.loadRows(table, ndjson));
  }

  private async loadRows(table: string, ndjson: Buffer): Promise<void> {
    if (!isBackupTable(table)) throw new BackupDataError(`The archive holds rows of "${table}", which is not a table of the broker.`);
    const index = BACKUP_TABLES.indexOf(table);
    if (index < this.lastTableIndex) {
      throw new BackupDataError(`The rows of "${table}" come after those of "${BACKUP_TABLES[this.lastTableIndex]}"; a backup lists parents first.`);
    }
    this.lastTableIndex = index;
    const rows = this.parseRows(table, ndjson);
    if (this.session) {
      await this.copyChunk(this.session, table, rows);
    } else {
      // The migrations seed the counter's one row; the backup's replaces it. Two rows made verification numbers restart at 1 after a restore.
      if (table === 'verification_sequence_number' && !this.loaded.has(table)) await this.db.deleteFrom(table).execute();
      await this.insertChunk(table, rows);
    }
    this.loaded.set(table, (this.loaded.get(table) ?? 0) + rows.length);
  }

  /** PostgreSQL identity columns do not advance on explicit ids: move each past the highest id loaded. */
  async finish(): Promise<void> {
    const session = this.session;
    if (!session) return;
    await this.failing(async () => {
      await this.copied();
      await session.commit();
      for (const table of BACKUP_TABLES) {
        if (!this.columns.get(table)?.includes('id')) continue;
        await session.client.query(`select setval(pg_get_serial_sequence($1, 'id'), coalesce((select max(id) from ${quoteIdentifier(table)}), 0) + 1, false)`, [table]);
      }
    });
    this.released = true;
    session.release(false);
  }

  /** Ends a load that will not finish: its connection closes, and the table under way is rolled back. */
  async abort(): Promise<void> {
    if (!this.session || this.released) return;
    await this.copying;
    this.released = true;
    this.session.release(true);
  }

  /** Runs `work`; on PostgreSQL a failure releases the connection (closing it) before it is thrown. */
  private async failing(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  private async insertChunk(table: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_BATCH_ROWS) {
      const batch = rows.slice(start, start + INSERT_BATCH_ROWS);
      await this.db
        .insertInto(table)
        .values(batch)
        .execute()
        .catch((error: Error) => {
          throw new BackupDataError(`${this.rowRange(table, start, batch.length)} could not be loaded: ${error.message}`);
        });
    }
  }

  /**
   * One COPY per chunk, started once the one before has ended and left running: the server loads
   * this chunk while the platform reads and checks the next (the profile showed each waiting for
   * the other). A value COPY cannot carry, or a row the server refuses on its own, is named.
   */
  private async copyChunk(session: LoadSession, table: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
    const before = this.loaded.get(table) ?? 0;
    let text: Buffer[];
    try {
      text = copyText(this.columns.get(table)!, rows);
    } catch (error) {
      if (error instanceof CopyValueError) throw new BackupRowError(`Row ${before + error.rowIndex + 1} of "${table}" does not fit the table: ${error.message}.`);
      throw error;
    }
    await this.copied();
    if (this.current?.table !== table) {
      this.current = { table, freeze: await session.beginTable(table, (other) => (this.loaded.get(other as BackupTable) ?? 0) > 0) };
      // The counter's seeded row, as on SQLite (a truncated table has lost it already).
      if (table === 'verification_sequence_number' && !this.current.freeze) await session.client.query(`delete from ${quoteIdentifier(table)}`);
    }
    const chunkRows = this.rowRange(table, 0, rows.length);
    this.copying = copyInto(session.client, table, this.columns.get(table)!, text, this.current.freeze).then(
      () => undefined,
      (error: unknown) => ({ problem: copyProblem(error, table, before, chunkRows) }),
    );
  }

  /** Waits for the COPY under way; its problem is thrown here. */
  private async copied(): Promise<void> {
    const outcome = await this.copying;
    this.copying = Promise.resolve(undefined);
    if (outcome) throw outcome.problem;
  }

  /** "Rows 201–400 of "versions"": the rows of a chunk, counted over the whole table. */
  private rowRange(table: BackupTable, start: number, count: number): string {
    const first = (this.loaded.get(table) ?? 0) + start + 1;
    return `Rows ${first}–${first + count - 1} of "${table}"`;
  }

  private parseRows(table: BackupTable, ndjson: Buffer): Record<string, unknown>[] {
    const expected = this.columns.get(table);
    if (!expected) throw new BackupDataError(`The database has no table "${table}".`);
    const lines = decode(ndjson).split('\n');
    if (lines.at(-1) === '') lines.pop();
    const before = this.loaded.get(table) ?? 0;
    return lines.map((line, lineIndex) => {
      const where = `line ${lineIndex + 1} of a "${table}" entry`;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new BackupDataError(`The ${where} is not JSON.`);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new BackupDataError(`The ${where} is not a row object.`);
      const keys = Object.keys(row).sort();
      if (keys.join(',') !== expected.join(',')) {
        throw new BackupDataError(`The ${where} has the columns ${keys.join(', ')}; the table has ${expected.join(', ')}.`);
      }
      const problem = rowProblem(table, row as Record<string, unknown>);
      if (problem) throw new BackupRowError(`Row ${before + lineIndex + 1} of "${table}" does not fit the table: ${problem}.`);
      return row as Record<string, unknown>;
    });
  }
}

/**
 * The chunk as text. Team issue 13: most backups are ASCII, which decodes as Latin-1 (the same
 * characters) without UTF-8's checks, the costliest step after parsing in a restore's profile.
 */
function decode(ndjson: Buffer): string {
  return isAscii(ndjson) ? ndjson.toString('latin1') : ndjson.toString('utf8');
}

/** A failed COPY as the loader's errors: the row the server names, or else the chunk's rows. */
function copyProblem(error: unknown, table: BackupTable, before: number, chunkRows: string): unknown {
  if (!(error instanceof CopyFailure)) return error;
  if (error.row === undefined) return new BackupDataError(`${chunkRows} could not be loaded: ${error.message}`);
  // A data exception (a number out of the column's range, say) is the row's fault, like the checks before.
  const Problem = error.dataException ? BackupRowError : BackupDataError;
  return new Problem(`Row ${before + error.row} of "${table}" could not be loaded: ${error.message}.`);
}
