import { describe, expect, it } from 'vitest';
import { CleanSettingsError, cleanSettingsFrom } from './clean-settings.js';
import { CronError, parseCron } from './cron-schedule.js';

describe('cleanSettingsFrom (team issue 14: PACT_BROKER_DATABASE_CLEAN_*)', () => {
  const P = 'PACT_BROKER_DATABASE_CLEAN';

  it('is off unless _ENABLED=true', () => {
    expect(cleanSettingsFrom({}, P)).toBeUndefined();
    expect(cleanSettingsFrom({ [`${P}_ENABLED`]: 'false', [`${P}_CRON_SCHEDULE`]: '* * * * *' }, P)).toBeUndefined();
  });

  it("takes the official image's defaults: 2:15 every night, 500 at a time, overwritten data after 7 days", () => {
    const settings = cleanSettingsFrom({ [`${P}_ENABLED`]: 'true' }, P);
    expect(settings).toMatchObject({ deletionLimit: 500, overwrittenDataMaxAge: 7, dryRun: false, keepBranches: [{ maxAge: 90 }] });
    expect(settings?.schedule.expression).toBe('15 2 * * *');
    expect(settings?.keep).toContainEqual({ maxAge: 90 });
  });

  it('reads every variable, and adds deployed and released to the keep selectors', () => {
    const settings = cleanSettingsFrom(
      {
        PACTSAFS_CLEAN_ENABLED: 'true',
        PACTSAFS_CLEAN_CRON_SCHEDULE: '0 */6 * * *',
        PACTSAFS_CLEAN_KEEP_VERSION_SELECTORS: '[{"latest": true}, {"max_age": 30}]',
        PACTSAFS_CLEAN_KEEP_BRANCH_SELECTORS: '[]',
        PACTSAFS_CLEAN_DELETION_LIMIT: '100',
        PACTSAFS_CLEAN_OVERWRITTEN_DATA_MAX_AGE: '0',
        PACTSAFS_CLEAN_DRY_RUN: 'true',
      },
      'PACTSAFS_CLEAN',
    );
    expect(settings).toMatchObject({
      keep: [{ latest: true }, { maxAge: 30 }, { deployed: true }, { released: true }],
      keepBranches: [],
      deletionLimit: 100,
      overwrittenDataMaxAge: 0,
      dryRun: true,
    });
  });

  it.each([
    [{ KEEP_VERSION_SELECTORS: '[{"max": 1}]' }, /PACT_BROKER_DATABASE_CLEAN_\*: Unknown key "PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS\[0\]\.max"/],
    [{ KEEP_VERSION_SELECTORS: 'latest' }, /"PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS" is not valid JSON/],
    [{ DELETION_LIMIT: '0' }, /PACT_BROKER_DATABASE_CLEAN_DELETION_LIMIT must be a whole number of at least 1, got "0"/],
    [{ CRON_SCHEDULE: '15 2 * *' }, /it needs 5 fields/],
  ])('refuses %o with a sentence', (variables, message) => {
    const env = Object.fromEntries([[`${P}_ENABLED`, 'true'], ...Object.entries(variables).map(([name, value]) => [`${P}_${name}`, value])]);
    expect(() => cleanSettingsFrom(env, P)).toThrow(CleanSettingsError);
    expect(() => cleanSettingsFrom(env, P)).toThrow(message);
  });
});

describe('parseCron', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['15 2 * * *', '2026-12-06T13:00:00Z', '2026-12-07T02:15:00.000Z'],
    ['15 2 * * *', '2026-12-06T02:14:30Z', '2026-12-06T02:15:00.000Z'],
    ['*/20 * * * *', '2026-12-06T13:41:00Z', '2026-12-06T14:00:00.000Z'],
    ['0 9-17/4 * * 1-5', '2026-12-05T10:00:00Z', '2026-12-07T09:00:00.000Z'],
    ['30 0 1 * *', '2026-12-06T00:00:00Z', '2027-01-01T00:30:00.000Z'],
    ['0 0 * * 7', '2026-12-06T00:00:00Z', '2026-12-13T00:00:00.000Z'],
    ['0 12 1 * 1', '2026-12-02T00:00:00Z', '2026-12-07T12:00:00.000Z'],
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('"%s" after %s runs at %s (UTC)', (expression, after, next) => {
    expect(parseCron(expression).next(at(after)).toISOString()).toBe(next);
  });

  it.each(['* * * *', '60 * * * *', '* * * 0 *', 'a * * * *', '*/0 * * * *', '5-1 * * * *'])('refuses "%s"', (expression) => {
    expect(() => parseCron(expression)).toThrow(CronError);
  });
});
