import { Transform } from 'node:stream';
import { formatBytes } from './output.js';
import type { Io } from './output.js';

const BAR_WIDTH = 24;
const REDRAW_EVERY_MS = 100;

export interface TransferState {
  label: string;
  bytes: number;
  /** Known for uploads (the file's size); a backup streams without Content-Length. */
  total?: number;
  elapsedMs: number;
}

/** One line of progress: bar and percent when the size is known, bytes and rate always. */
export function progressLine(state: TransferState): string {
  const parts = [state.label];
  if (state.total !== undefined && state.total > 0) {
    const fraction = Math.min(1, state.bytes / state.total);
    const filled = Math.round(fraction * BAR_WIDTH);
    parts.push(`[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`, `${Math.floor(fraction * 100)}%`.padStart(4));
    parts.push(`${formatBytes(state.bytes)} of ${formatBytes(state.total)}`);
  } else {
    parts.push(formatBytes(state.bytes));
  }
  parts.push(`${formatBytes(rate(state.bytes, state.elapsedMs))}/s`);
  return parts.join('  ');
}

/** `12.3 MiB in 2.7 s (4.5 MiB/s)`: the end of a transfer in one phrase. */
export function transferSummary(bytes: number, elapsedMs: number): string {
  return `${formatBytes(bytes)} in ${(elapsedMs / 1000).toFixed(1)} s (${formatBytes(rate(bytes, elapsedMs))}/s)`;
}

function rate(bytes: number, elapsedMs: number): number {
  return Math.round(bytes / Math.max(elapsedMs / 1000, 0.001));
}

/** Counts the bytes of a transfer and, on a terminal, redraws a progress line at most ten times a second. */
export class TransferProgress {
  private bytes = 0;
  private lastDrawn = 0;
  private readonly started = Date.now();

  constructor(
    private readonly out: Io['stdout'],
    private readonly label: string,
    private readonly total?: number,
  ) {}

  /** A pass-through stream that counts what flows through it. */
  counter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.add(chunk.length);
        done(null, chunk);
      },
    });
  }

  add(bytes: number): void {
    this.bytes += bytes;
    const now = Date.now();
    if (this.out.isTTY && now - this.lastDrawn >= REDRAW_EVERY_MS) {
      this.lastDrawn = now;
      this.draw();
    }
  }

  /** Draws the final state (on a terminal) and answers the summary phrase. */
  finish(): string {
    if (this.out.isTTY) {
      this.draw();
      this.out.write('\n');
    }
    return transferSummary(this.bytes, Date.now() - this.started);
  }

  /** Ends the progress line so that an error message starts on a line of its own. */
  abandon(): void {
    if (this.out.isTTY && this.lastDrawn > 0) this.out.write('\n');
  }

  private draw(): void {
    const line = progressLine({ label: this.label, bytes: this.bytes, total: this.total, elapsedMs: Date.now() - this.started });
    this.out.write(`\r${line}\x1b[K`);
  }
}
