import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, renderTable, wrapText } from './output.js';

describe('output for people', () => {
  it('aligns table columns without trailing spaces', () => {
    const table = renderTable(['NAME', 'STATE', 'URL'], [['acme', 'running', 'http://acme.localhost:8080'], ['b', 'stopped', '']]);
    expect(table).toBe('NAME  STATE    URL\nacme  running  http://acme.localhost:8080\nb     stopped\n');
  });

  it.each([
    ['2026-11-23T13:30:12.345Z', '2026-11-23 13:30 UTC'],
    [null, '-'],
    ['not a date', 'not a date'],
  ])('formats the date %s as %s', (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });

  it.each([
    [0, '0 bytes'],
    [512, '512 bytes'],
    [1536, '1.5 KiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('wraps prose at spaces', () => {
    expect(wrapText('one two three four', 9)).toBe('one two\nthree\nfour\n');
  });
});
