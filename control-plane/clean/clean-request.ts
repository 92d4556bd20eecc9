import {
  DEFAULT_KEEP_BRANCH_SELECTORS,
  DEFAULT_KEEP_SELECTORS,
  KeepSelectorError,
  parseKeepBranchSelectors,
  parseKeepSelectors,
  withDeployedAndReleased,
  type KeepBranchSelector,
  type KeepSelector,
} from '../../shared/clean/clean-selectors.js';
import { CLEAN_DEFAULTS, type CleanSettings } from '../../shared/clean/clean-settings.js';
import { BadRequestError } from '../../shared/errors.js';

/** A clean as asked for (team issue 14): what to keep, how much to delete, whether only to tell. */
export interface CleanPlanRequest {
  dryRun: boolean;
  keep: KeepSelector[];
  keepBranches: KeepBranchSelector[];
  deletionLimit: number;
  overwrittenDataMaxAge: number;
}

const FIELDS = ['dryRun', 'keep', 'keepBranches', 'deletionLimit', 'overwrittenDataMaxAge'];

/**
 * `POST /api/tenants/<t>/clean`'s body over `defaults` (the platform's PACTSAFS_CLEAN_* or the
 * official image's): `dryRun`, `keep`, `keepBranches`, `deletionLimit`, `overwrittenDataMaxAge`
 * (days). Deployed and released versions are always kept, as the Ruby CleanTask adds them.
 */
export function parseCleanRequest(body: unknown, defaults: Omit<CleanPlanRequest, 'dryRun'>): CleanPlanRequest {
  const given = body === undefined || body === null ? {} : body;
  if (typeof given !== 'object' || Array.isArray(given)) throw new BadRequestError('The body must be a JSON object, for example {"dryRun": true, "keep": [{"latest": true}]}.');
  const fields = given as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) throw new BadRequestError(`Unknown field ${unknown.map((key) => `"${key}"`).join(', ')}; a clean takes ${FIELDS.map((key) => `"${key}"`).join(', ')}.`);
  if (fields.dryRun !== undefined && typeof fields.dryRun !== 'boolean') throw new BadRequestError('"dryRun" must be true or false.');
  try {
    return {
      dryRun: fields.dryRun === true,
      keep: withDeployedAndReleased(fields.keep === undefined ? defaults.keep : parseKeepSelectors(fields.keep)),
      keepBranches: fields.keepBranches === undefined ? defaults.keepBranches : parseKeepBranchSelectors(fields.keepBranches),
      deletionLimit: fields.deletionLimit === undefined ? defaults.deletionLimit : wholeNumber(fields.deletionLimit, 'deletionLimit', 1),
      overwrittenDataMaxAge: fields.overwrittenDataMaxAge === undefined ? defaults.overwrittenDataMaxAge : wholeNumber(fields.overwrittenDataMaxAge, 'overwrittenDataMaxAge', 0),
    };
  } catch (error) {
    if (error instanceof KeepSelectorError) throw new BadRequestError(error.message);
    throw error;
  }
}

function wholeNumber(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new BadRequestError(`"${field}" must be a whole number of at least ${min}.`);
  return value;
}

/** What a clean keeps and deletes unless asked otherwise: the platform's PACTSAFS_CLEAN_* when set, else the Ruby broker's defaults. */
export function cleanDefaults(settings?: CleanSettings): Omit<CleanPlanRequest, 'dryRun'> {
  if (settings) return { keep: settings.keep, keepBranches: settings.keepBranches, deletionLimit: settings.deletionLimit, overwrittenDataMaxAge: settings.overwrittenDataMaxAge };
  return {
    keep: withDeployedAndReleased(DEFAULT_KEEP_SELECTORS),
    keepBranches: [...DEFAULT_KEEP_BRANCH_SELECTORS],
    deletionLimit: CLEAN_DEFAULTS.deletionLimit,
    overwrittenDataMaxAge: CLEAN_DEFAULTS.overwrittenDataMaxAge,
  };
}
