import { describe, expect, it } from 'vitest';
import { distanceOfTimeInWords, timeAgo } from './time-ago.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const before = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('distanceOfTimeInWords', () => {
  it.each([
    [0, 'less than a minute'],
    [29, 'less than a minute'],
    [30, '1 minute'],
    [89, '1 minute'],
    [90, '2 minutes'],
    [44 * MINUTE, '44 minutes'],
    [45 * MINUTE, 'about 1 hour'],
    [89 * MINUTE, 'about 1 hour'],
    [90 * MINUTE, 'about 2 hours'],
    [23 * HOUR, 'about 23 hours'],
    [24 * HOUR, '1 day'],
    [41 * HOUR, '1 day'],
    [42 * HOUR, '2 days'],
    [29 * DAY, '29 days'],
    [30 * DAY, 'about 1 month'],
    [59 * DAY, 'about 2 months'],
    [60 * DAY, '2 months'],
    [364 * DAY, '12 months'],
    [365 * DAY, 'about 1 year'],
    [365 * DAY + 100 * DAY, 'over 1 year'],
    [365 * DAY + 300 * DAY, 'almost 2 years'],
    [3 * 365 * DAY, 'about 3 years'],
  ])('%i seconds → %s', (seconds, expected) => {
    expect(distanceOfTimeInWords(before(seconds), NOW)).toBe(expected);
  });

  it('reads a time after now (clock skew) as just now', () => {
    expect(distanceOfTimeInWords(new Date(NOW.getTime() + 5 * MINUTE * 1000), NOW)).toBe('less than a minute');
  });
});

describe('timeAgo', () => {
  it('adds "ago" to a stored ISO time', () => {
    expect(timeAgo('2024-06-01T11:57:00.000Z', NOW)).toBe('3 minutes ago');
  });
});
