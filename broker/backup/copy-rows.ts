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

/** About this many characters per write: few writes, no giant strings. */
const PIECE_CHARS = 64 * 1024;

/**
 * Loads `text` (from `copyText`) into `table` with one `COPY … FROM STDIN` on `client` (issue 13:
 * batched INSERTs restored into PostgreSQL at 20 MB/s). `freeze`: the table was created or
 * truncated in the client's open transaction, so its rows go in frozen (team issue 13).
 */
export async function copyInto(client: pg.ClientBase, table: string, columns: readonly string[], text: readonly string[], freeze: boolean): Promise<void> {
  const statement = `copy ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) from stdin${freeze ? ' (freeze)' : ''}`;
  await pipeline(Readable.from(text, { objectMode: false }), client.query(copyFrom(statement))).catch((error: unknown) => {
    throw copyFailure(error);
  });
}

/**
 * Rows in COPY's text format, in pieces of about 64 kB. Values are integers, text or null: the
 * broker's schema has no other PostgreSQL types (JSON and times are text).
 */
export function copyText(columns: readonly string[], rows: readonly Record<string, unknown>[]): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const [index, row] of rows.entries()) {
    piece += columns.map((column) => copyValue(row[column], index, column)).join('\t') + '\n';
    if (piece.length >= PIECE_CHARS) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** Backslash, tab, newline and carriage return would end a value or a row: COPY reads them escaped. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyValue(value: unknown, rowIndex: number, column: string): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = value as string;
  // PostgreSQL text cannot hold U+0000 (SQLite's can): say so rather than fail on the server.
  if (text.includes('\0')) throw new CopyValueError(rowIndex, `"${column}" holds the character U+0000, which PostgreSQL text cannot store`);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (special) => ESCAPED[special]!) : text;
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
