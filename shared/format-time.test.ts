import { expect, it } from 'vitest';
import { formatTimestamp } from './format-time.js';

it.each([
  ['2026-11-23T13:30:59.999Z', '2026-11-23 13:30 UTC'],
  ['2026-11-23T14:30:00+01:00', '2026-11-23 13:30 UTC'],
  [null, undefined],
  ['', undefined],
  ['not a date', undefined],
])('formatTimestamp(%j) is %j', (iso, text) => expect(formatTimestamp(iso)).toBe(text));
