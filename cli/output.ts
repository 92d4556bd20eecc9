/** Rendering for people (aligned tables, dates, sizes) and for scripts (JSON). */
import { formatBytes as formatSize } from '../shared/format-bytes.js';
import { formatTimestamp } from '../shared/format-time.js';

/** The streams a command talks through; the entry point passes the process's, tests their own. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Pretty-printed JSON, one document per command, for `--json`. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns aligned by padding; the last column is not padded, so lines carry no trailing spaces. */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** `2026-11-23 13:30 UTC`, or `-` when there is no date (no backup yet); what is not a date is shown as sent. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? (formatTimestamp(iso) ?? iso) : '-';
}

/** `512 bytes`, `1.5 KiB`, `5.0 GiB`: always one decimal, so a progress line does not jump in width as it counts. */
export function formatBytes(bytes: number): string {
  return formatSize(bytes, { fixed: true });
}

/** Breaks prose into lines of at most `width` characters, at spaces. */
export function wrapText(text: string, width = 88): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((each) => `${each}\n`).join('');
}
