import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressLine, TransferProgress, transferSummary } from './progress-bar.js';

describe('transfer progress', () => {
  it('shows a bar and percent when the size is known', () => {
    const line = progressLine({ label: 'Restoring acme', bytes: 512 * 1024, total: 1024 * 1024, elapsedMs: 1000 });
    expect(line).toBe(`Restoring acme  [${'█'.repeat(12)}${'░'.repeat(12)}]   50%  512.0 KiB of 1.0 MiB  512.0 KiB/s`);
  });

  it('shows bytes and rate when it is not', () => {
    expect(progressLine({ label: 'Backing up acme', bytes: 2048, elapsedMs: 2000 })).toBe('Backing up acme  2.0 KiB  1.0 KiB/s');
  });

  it('sums up a transfer in one phrase', () => {
    expect(transferSummary(3 * 1024 * 1024, 1500)).toBe('3.0 MiB in 1.5 s (2.0 MiB/s)');
  });

  it('counts what flows through it and draws only on a terminal', async () => {
    const quiet = new PassThrough();
    let drawn = '';
    quiet.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const progress = new TransferProgress(quiet, 'Backing up acme');
    await pipeline(Readable.from([Buffer.alloc(1000), Buffer.alloc(24)]), progress.counter(), new Writable({ write: (_c, _e, done) => done() }));
    expect(progress.finish()).toMatch(/^1\.0 KiB in /);
    expect(drawn).toBe('');
  });
});
