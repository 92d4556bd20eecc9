import { DEFAULT_KEEP_BRANCH_SELECTORS, DEFAULT_KEEP_SELECTORS, KeepSelectorError, parseKeepBranchSelectors, parseKeepSelectors, parseSelectorJson, withDeployedAndReleased, type KeepBranchSelector, type KeepSelector } from './clean-selectors.js';
import { CronError, parseCron, type CronSchedule } from './cron-schedule.js';

/** A scheduled clean's settings: the official image's PACT_BROKER_DATABASE_CLEAN_* (team issue 14). */
export interface CleanSettings {
  schedule: CronSchedule;
  keep: KeepSelector[];
  keepBranches: KeepBranchSelector[];
  deletionLimit: number;
  overwrittenDataMaxAge: number;
  dryRun: boolean;
}

/** The official image's defaults (its README: 2:15 every night, 500 at a time, overwritten data after 7 days). */
export const CLEAN_DEFAULTS = {
  cronSchedule: '15 2 * * *',
  deletionLimit: 500,
  overwrittenDataMaxAge: 7,
} as const;

export class CleanSettingsError extends Error {}

/**
 * The clean settings in `env` under `prefix` (`PACT_BROKER_DATABASE_CLEAN` for a broker,
 * `PACTSAFS_CLEAN` for the platform): `_ENABLED`, `_CRON_SCHEDULE`, `_KEEP_VERSION_SELECTORS`,
 * `_KEEP_BRANCH_SELECTORS`, `_DELETION_LIMIT`, `_OVERWRITTEN_DATA_MAX_AGE` and `_DRY_RUN`;
 * `undefined` unless `_ENABLED` is `true`.
 */
export function cleanSettingsFrom(env: Readonly<Record<string, string | undefined>>, prefix: string): CleanSettings | undefined {
  const value = (name: string) => env[`${prefix}_${name}`]?.trim() || undefined;
  if (value('ENABLED') !== 'true') return undefined;
  const variable = (name: string) => `${prefix}_${name}`;
  try {
    const keep = value('KEEP_VERSION_SELECTORS');
    const keepBranches = value('KEEP_BRANCH_SELECTORS');
    return {
      schedule: parseCron(value('CRON_SCHEDULE') ?? CLEAN_DEFAULTS.cronSchedule),
      keep: withDeployedAndReleased(keep === undefined ? DEFAULT_KEEP_SELECTORS : parseKeepSelectors(parseSelectorJson(keep, variable('KEEP_VERSION_SELECTORS')), variable('KEEP_VERSION_SELECTORS'))),
      keepBranches: keepBranches === undefined ? [...DEFAULT_KEEP_BRANCH_SELECTORS] : parseKeepBranchSelectors(parseSelectorJson(keepBranches, variable('KEEP_BRANCH_SELECTORS')), variable('KEEP_BRANCH_SELECTORS')),
      deletionLimit: positive(value('DELETION_LIMIT'), variable('DELETION_LIMIT'), CLEAN_DEFAULTS.deletionLimit, 1),
      overwrittenDataMaxAge: positive(value('OVERWRITTEN_DATA_MAX_AGE'), variable('OVERWRITTEN_DATA_MAX_AGE'), CLEAN_DEFAULTS.overwrittenDataMaxAge, 0),
      dryRun: value('DRY_RUN') === 'true',
    };
  } catch (error) {
    if (error instanceof KeepSelectorError || error instanceof CronError) throw new CleanSettingsError(`${prefix}_*: ${error.message}`);
    throw error;
  }
}

function positive(text: string | undefined, variable: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const number = Number(text);
  if (!Number.isInteger(number) || number < min) throw new CleanSettingsError(`${variable} must be a whole number of at least ${min}, got "${text}".`);
  return number;
}
