import { describe, expect, it } from 'vitest';
import { copyText } from './copy-rows.js';

// Team issue 13: COPY's text is encoded value by value into pieces of at most 64 kB; a long value spans pieces.
describe('copyText', () => {
  const text = (rows: Record<string, unknown>[]) => Buffer.concat(copyText(['id', 'content'], rows)).toString('utf8');

  it('escapes what would end a value or a row, and writes null as \\N', () => {
    expect(text([{ id: 1, content: 'a\tb\nc\rd\\e' }, { id: -2, content: null }])).toBe('1\ta\\tb\\nc\\rd\\\\e\n-2\t\\N\n');
  });

  it('keeps every character of values longer than a piece, also a surrogate pair at any piece boundary', () => {
    for (let before = 21_840; before < 21_850; before++) {
      const content = 'x'.repeat(before) + '🚀é中'.repeat(30_000);
      const pieces = copyText(['id', 'content'], [{ id: 7, content }]);
      expect(pieces.length).toBeGreaterThan(1);
      for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(64 * 1024);
      expect(Buffer.concat(pieces).toString('utf8')).toBe(`7\t${content}\n`);
    }
  });
});
