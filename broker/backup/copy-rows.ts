import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value COPY cannot carry (issue 13): the loader names its row and column. */
export class CopyValueError extends Error {
  constructor(
    readonly rowIndex: number,
    message: string,
  ) {
    super(message);
  }
}

/** A COPY the server refused, with the 1-based row of the statement it names (when it names one). */
export class CopyFailure extends Error {
  constructor(
    readonly row: number | undefined,
    readonly dataException: boolean,
    message: string,
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** About this many bytes per write: few writes, no giant buffers. */
const PIECE_BYTES = 64 * 1024;

/**
 * Loads `text` (from `copyText`) into `table` with one `COPY … FROM STDIN` on `client` (issue 13:
 * batched INSERTs restored into PostgreSQL at 20 MB/s). `freeze`: the table was created or
 * truncated in the client's open transaction, so its rows go in frozen (team issue 13).
 */
export async function copyInto(client: pg.ClientBase, table: string, columns: readonly string[], text: readonly Buffer[], freeze: boolean): Promise<void> {
  const statement = `copy ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) from stdin${freeze ? ' (freeze)' : ''}`;
  await pipeline(Readable.from(text, { objectMode: false }), client.query(copyFrom(statement))).catch((error: unknown) => {
    throw copyFailure(error);
  });
}

/**
 * Rows in COPY's text format, UTF-8 in pieces of at most 64 kB. Values are integers, text or
 * null: the broker's schema has no other PostgreSQL types (JSON and times are text). Team issue 13: each value is encoded straight into its piece;
 * joining rows as strings and encoding them afterwards was a third of the platform's CPU in a restore.
 */
export function copyText(columns: readonly string[], rows: readonly Record<string, unknown>[]): Buffer[] {
  const pieces = new CopyPieces();
  for (const [index, row] of rows.entries()) {
    for (const [position, column] of columns.entries()) {
      pieces.add(copyValue(row[column], index, column));
      pieces.add(position === columns.length - 1 ? '\n' : '\t');
    }
  }
  return pieces.finish();
}

/** UTF-8 takes at most this many bytes per UTF-16 unit. */
const MOST_BYTES_PER_UNIT = 3;

/**
 * UTF-8 pieces filled value by value; a value longer than the room left goes on in the next
 * pieces, so a restore holds no buffer per megabyte pact (team issue 13: allocating those was 0.39 s
 * of a 460 MB restore's profile, 64 kB pieces 0.14 s).
 */
class CopyPieces {
  private readonly done: Buffer[] = [];
  private piece = Buffer.allocUnsafe(PIECE_BYTES);
  private used = 0;

  add(text: string): void {
    for (let start = 0; start < text.length; ) {
      // Room for two units at least, so a surrogate pair is never split.
      if (PIECE_BYTES - this.used < 2 * MOST_BYTES_PER_UNIT) this.flush();
      let end = Math.min(text.length, start + Math.floor((PIECE_BYTES - this.used) / MOST_BYTES_PER_UNIT));
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      this.used += this.piece.write(start === 0 && end === text.length ? text : text.slice(start, end), this.used);
      start = end;
    }
  }

  finish(): Buffer[] {
    this.flush();
    return this.done;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.done.push(this.piece.subarray(0, this.used));
    this.piece = Buffer.allocUnsafe(PIECE_BYTES);
    this.used = 0;
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** Backslash, tab, newline and carriage return would end a value or a row: COPY reads them escaped. */
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyValue(value: unknown, rowIndex: number, column: string): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = value as string;
  // PostgreSQL text cannot hold U+0000 (SQLite's can): say so rather than fail on the server.
  if (text.includes('\0')) throw new CopyValueError(rowIndex, `"${column}" holds the character U+0000, which PostgreSQL text cannot store`);
  return needsEscaping(text) ? text.replace(SPECIALS, (special) => ESCAPED[special]!) : text;
}

/** Four `includes` scans: ten times faster than one regular expression's test over a pact's megabyte (team issue 13). */
function needsEscaping(text: string): boolean {
  return text.includes('\\') || text.includes('\t') || text.includes('\n') || text.includes('\r');
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** PostgreSQL's `where` names the COPY line a row-level error came from ("COPY versions, line 3, column order: …"). */
function copyFailure(error: unknown): CopyFailure {
  const { message, detail, where, code } = error as { message: string; detail?: string; where?: string; code?: string };
  const line = /^COPY [^,]+, line (\d+)/.exec(where ?? '')?.[1];
  const text = detail ? `${message} (${detail})` : message;
  return new CopyFailure(line === undefined ? undefined : Number(line), code?.startsWith('22') ?? false, text, { cause: error });
}
