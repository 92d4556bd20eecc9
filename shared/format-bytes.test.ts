import { expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';

it.each([
  [0, '0 bytes'],
  [1023, '1023 bytes'],
  [1536, '1.5 KiB'],
  [4 * 2 ** 20, '4 MiB'],
  [10.04 * 2 ** 20, '10 MiB'],
  [1.5 * 2 ** 30, '1.5 GiB'],
])('formatBytes(%d) is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

it('keeps one decimal when asked, for progress lines', () => {
  expect(formatBytes(4 * 2 ** 20, { fixed: true })).toBe('4.0 MiB');
  expect(formatBytes(512, { fixed: true })).toBe('512 bytes');
});
