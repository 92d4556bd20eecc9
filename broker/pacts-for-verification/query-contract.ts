import { isProvided, isObject } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';
import { isFilled, validateSelector, type SelectorContext } from './selector-contract.js';

/**
 * The Ruby broker's PactsForVerificationJsonQuerySchema (docs/broker-api.md#verification-query): the body's schema, the
 * providerVersionBranch rule, and each selector's contract, its messages suffixed with the index.
 */
export function validateQuery(body: Record<string, unknown>, knownEnvironments: ReadonlySet<string>): ValidationErrors {
  const errors: ValidationErrors = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  const checks: Record<string, (value: unknown) => string | undefined> = {
    providerVersionBranch: (value) => (value === null || typeof value === 'string' ? undefined : 'must be a string'),
    providerVersionTags: (value) => (value === null || Array.isArray(value) ? undefined : 'must be an array'),
    consumerVersionSelectors: (value) => (Array.isArray(value) ? undefined : 'must be an array'),
    includePendingStatus: (value) => (!isFilled(value) ? 'must be filled' : typeof value === 'boolean' ? undefined : 'must be one of: true, false'),
    includeWipPactsSince: (value) => (!isFilled(value) ? 'must be filled' : parseWipSince(value) ? undefined : 'must be a date'),
  };
  for (const [key, check] of Object.entries(checks)) {
    const message = key in body ? check(body[key]) : undefined;
    if (message) add(key, message);
  }
  const selectors = Array.isArray(body.consumerVersionSelectors) ? (body.consumerVersionSelectors as unknown[]) : [];
  selectors.forEach((selector, index) => {
    if (!isObject(selector)) add('consumerVersionSelectors', `must be a hash (at index ${index})`);
  });
  const failed = (...keys: string[]) => keys.some((key) => key in errors);

  if (!failed('providerVersionBranch', 'providerVersionTags', 'includePendingStatus', 'includeWipPactsSince')) {
    const message = providerVersionBranchError(body);
    if (message) add('providerVersionBranch', message);
  }
  if (!failed('consumerVersionSelectors')) {
    const context: SelectorContext = { providerVersionBranch: body.providerVersionBranch, knownEnvironments };
    selectors.forEach((selector, index) => {
      for (const message of validateSelector(selector as Record<string, unknown>, context)) add('consumerVersionSelectors', `${message} (at index ${index})`);
    });
  }
  return errors;
}

/**
 * A blank branch is an error; an empty one only when pending or WIP would use it for lack of tags
 * (the Ruby broker keeps accepting `""` otherwise, as clients sent it before it was validated).
 */
function providerVersionBranchError(body: Record<string, unknown>): string | undefined {
  const branch = body.providerVersionBranch;
  if (typeof branch !== 'string') return undefined;
  if (branch.length > 0 && branch.trim() === '') return 'cannot be blank';
  const tags = body.providerVersionTags;
  const noTags = !Array.isArray(tags) || tags.length === 0;
  if (noTags && (isProvided(body.includeWipPactsSince) || body.includePendingStatus === true) && branch.trim() === '') {
    return 'when pending or WIP pacts are enabled and there are no tags provided, the provider version branch must not be an empty string, as it is used in the calculations for WIP/pending. A value must be provided (recommended), or it must not be set at all.';
  }
  return undefined;
}

/** `includeWipPactsSince` as an instant: a date (midnight UTC) or a date-time, as Ruby's DateTime.parse reads them. */
export function parseWipSince(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:[T ]([\d:.]+)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, day, time, zone] = match;
  // Without a zone, DateTime.parse reads UTC; JavaScript would read local time.
  const date = new Date(time === undefined ? `${day}T00:00:00Z` : `${day}T${time}${zone ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
