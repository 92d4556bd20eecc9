import { checkFilledString, checkMaybeString, checkRequiredString } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';

/** The writable properties of a pacticipant, as the request body names them; absent keys are undefined. */
export interface PacticipantFields {
  name?: string;
  displayName?: string | null;
  mainBranch?: string | null;
  repositoryUrl?: string | null;
  repositoryName?: string | null;
  repositoryNamespace?: string | null;
}

export type PacticipantValidation = { valid: true; fields: PacticipantFields } | { valid: false; errors: ValidationErrors };

type OptionalKey = Exclude<keyof PacticipantFields, 'name'>;

/** Which of the Ruby broker's rules apply to each optional property, in its order. */
const OPTIONAL_RULES: Record<OptionalKey, readonly Rule[]> = {
  displayName: ['single-line', 'not-blank'],
  mainBranch: ['single-line', 'no-spaces', 'not-blank'],
  repositoryUrl: ['single-line'],
  repositoryName: ['single-line'],
  repositoryNamespace: ['single-line'],
};

type Rule = 'single-line' | 'no-spaces' | 'not-blank';

const RULE_MESSAGES: Record<Rule, { message: string; fails: (value: string) => boolean }> = {
  'single-line': { message: 'cannot contain multiple lines', fails: (value) => value.includes('\n') },
  'no-spaces': { message: 'cannot contain spaces', fails: (value) => value.includes(' ') },
  'not-blank': { message: 'cannot be blank', fails: (value) => value.trim() === '' },
};

/**
 * Validates a pacticipant body with the Ruby broker's `PacticipantSchema` (or, with `nameRequired`,
 * `PacticipantCreateSchema`) and its message texts (docs/broker-api.md#pacticipants). A rule runs only on a key
 * whose type check passed, as dry-validation does.
 */
export function validatePacticipant(body: Record<string, unknown>, { nameRequired }: { nameRequired: boolean }): PacticipantValidation {
  const errors: ValidationErrors = {};
  const add = (key: string, messages: string[]) => {
    if (messages.length > 0) errors[key] = [...(errors[key] ?? []), ...messages];
  };
  const nameError = nameRequired ? checkRequiredString(body, 'name') : 'name' in body ? checkFilledString(body.name) : undefined;
  if (nameError) add('name', [nameError]);
  else if (typeof body.name === 'string') add('name', ruleFailures(body.name, ['single-line', 'not-blank']));
  for (const [key, rules] of Object.entries(OPTIONAL_RULES)) {
    const value = body[key];
    const typeError = checkMaybeString(value);
    if (typeError) add(key, [typeError]);
    else if (typeof value === 'string') add(key, ruleFailures(value, rules));
  }
  if (Object.keys(errors).length > 0) return { valid: false, errors };
  return { valid: true, fields: pickFields(body) };
}

function ruleFailures(value: string, rules: readonly Rule[]): string[] {
  return rules.flatMap((rule) => (RULE_MESSAGES[rule].fails(value) ? [RULE_MESSAGES[rule].message] : []));
}

/** The validated properties present in the body; other keys (e.g. `_embedded.labels`) are ignored, as the Ruby broker ignores them. */
function pickFields(body: Record<string, unknown>): PacticipantFields {
  const fields: PacticipantFields = {};
  if (typeof body.name === 'string') fields.name = body.name;
  for (const key of Object.keys(OPTIONAL_RULES) as OptionalKey[]) {
    if (key in body) fields[key] = body[key] as string | null;
  }
  return fields;
}
