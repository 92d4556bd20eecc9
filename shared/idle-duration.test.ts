import { describe, expect, it } from 'vitest';
import { formatIdleDuration, idleDurationMs } from './idle-duration.js';

describe('idle durations (issue 13)', () => {
  it.each<[string, number | undefined]>([
    ['15m', 900_000],
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    [' 2S ', 2000],
    ['0', 0],
    ['off', 0],
    ['OFF', 0],
    ['0s', 0],
    ['15', undefined],
    ['15 minutes', undefined],
    ['-1m', undefined],
    ['1.5m', undefined],
    ['', undefined],
  ])('%j → %s', (text, ms) => {
    expect(idleDurationMs(text)).toBe(ms);
  });

  it.each<[number, string]>([
    [0, 'off'],
    [2000, '2s'],
    [90_000, '90s'],
    [900_000, '15m'],
    [7_200_000, '2h'],
    [86_400_000, '1d'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatIdleDuration(ms)).toBe(text);
    expect(idleDurationMs(text)).toBe(ms);
  });
});
