import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../shared/errors.js';
import { idleAfterView, parseIdleAfter } from './idle-setting.js';

describe('the idleAfter tenant setting (issue 13)', () => {
  it.each<[unknown, number | null | undefined]>([
    [undefined, undefined],
    [null, null],
    ['15m', 900_000],
    ['2s', 2000],
    ['off', 0],
    ['0', 0],
    [0, 0],
  ])('%j → %s', (value, ms) => {
    expect(parseIdleAfter(value)).toBe(ms);
  });

  it.each([['15'], [15], ['500ms'], [true], [['15m']], ['soon']])('refuses %j with a sentence', (value) => {
    expect(() => parseIdleAfter(value)).toThrow(BadRequestError);
    expect(() => parseIdleAfter(value)).toThrow(`"idleAfter" must be a duration of at least 1s like "15m" or "90s", "off" to never sleep, or null for the platform's default; got ${JSON.stringify(value)}.`);
  });

  it('shows the setting, or null when the tenant follows the platform', () => {
    expect(idleAfterView(undefined)).toBeNull();
    expect(idleAfterView(0)).toBe('off');
    expect(idleAfterView(120_000)).toBe('2m');
  });
});
