/**
 * The dry-schema checks the Ruby broker's request contracts use, returning its message texts
 * (without the field name; callers add it where the broker does).
 */

/** `required(:x).filled(:string)`. */
export function checkRequiredString(body: Record<string, unknown>, key: string): string | undefined {
  if (!(key in body)) return 'is missing';
  return checkFilledString(body[key]);
}

/** `filled(:string)` on a present value. */
export function checkFilledString(value: unknown): string | undefined {
  if (value === null || value === '') return 'must be filled';
  if (typeof value !== 'string') return 'must be a string';
  return undefined;
}

/** `required(:x).filled(included_in?: [...])`, or optional when `optional` is set and the key is absent. */
export function checkIncludedIn(body: Record<string, unknown>, key: string, allowed: readonly string[], optional = false): string | undefined {
  if (!(key in body)) return optional ? undefined : 'is missing';
  const value = body[key];
  if (value === null || value === '') return 'must be filled';
  if (typeof value !== 'string' || !allowed.includes(value)) return `must be one of: ${allowed.join(', ')}`;
  return undefined;
}

/** `maybe(:string)`: absent or null is fine. */
export function checkMaybeString(value: unknown): string | undefined {
  return value === undefined || value === null || typeof value === 'string' ? undefined : 'must be a string';
}

/** The broker's not_blank_if_present and not_multiple_lines rules, in that order. */
export function checkSingleLineNotBlank(value: string, { allowBlank = false } = {}): string[] {
  const errors: string[] = [];
  if (!allowBlank && value.trim() === '') errors.push('cannot be blank');
  if (value.includes('\n')) errors.push('cannot contain multiple lines');
  return errors;
}

/** A string with more than whitespace (the Ruby broker's `provided?`); any other non-null value counts. */
export function isProvided(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}
