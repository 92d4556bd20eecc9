import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freedMemoryReleaser, releaseFreedMemory } from './freed-memory.js';

describe.runIf(process.platform === 'linux')('releasing the memory of closed brokers (issue 13, density)', () => {
  it('gives back the pages that closed SQLite databases freed in the middle of the heap', () => {
    // Each filled database's page cache lies below a small database that stays open, so glibc
    // cannot give it back by shrinking the heap's top: only malloc_trim can.
    const filled: Database.Database[] = [];
    const kept: Database.Database[] = [];
    for (let i = 0; i < 20; i++) {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE rows (body TEXT)');
      const insert = db.prepare('INSERT INTO rows VALUES (?)');
      for (let row = 0; row < 500; row++) insert.run('x'.repeat(1000));
      filled.push(db);
      kept.push(new Database(':memory:'));
    }
    for (const db of filled) db.close();

    expect(releaseFreedMemory()).toBe(true);
    for (const db of kept) db.close();
  });
});

describe('when the memory of closed brokers is released', () => {
  afterEach(() => vi.useRealTimers());

  it('releases once a second after the first of a burst of closes, then at most every 30 s', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const released = vi.fn();
    const closed = freedMemoryReleaser(released);
    closed();
    closed();
    vi.advanceTimersByTime(999);
    expect(released).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(released).toHaveBeenCalledTimes(1);

    closed();
    vi.advanceTimersByTime(29_999);
    expect(released).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(released).toHaveBeenCalledTimes(2);
  });
});
