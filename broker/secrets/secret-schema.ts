import { checkFilledString, checkMaybeString, checkRequiredString } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';

/** A secret's name: what webhooks write as `${user.NAME}` (PactFlow: no spaces, letters and digits). */
export const SECRET_NAME = /^[A-Za-z0-9_]{1,100}$/;

/** What a valid secret body describes; `value` undefined: an update that keeps the stored value. */
export interface SecretInput {
  name: string;
  description: string | null;
  value: string | undefined;
}

export const nameTakenMessage = (name: string) => `Another secret with name '${name}' already exists.`;

/**
 * Checks a `POST /secrets` body (`valueRequired`) or a `PUT /secrets/{uuid}` body, in the messages of
 * the broker's other contracts; `takenName`: another secret already has the body's name.
 */
export function validateSecret(body: Record<string, unknown>, { valueRequired, takenName }: { valueRequired: boolean; takenName: boolean }): ValidationErrors {
  const errors: ValidationErrors = {};
  const add = (key: string, message: string | undefined) => {
    if (message !== undefined) (errors[key] ??= []).push(message);
  };
  const nameProblem = checkRequiredString(body, 'name');
  add('name', nameProblem);
  if (nameProblem === undefined && !SECRET_NAME.test(body.name as string)) {
    add('name', 'must be 1 to 100 letters, digits or underscores: webhooks use it as ${user.NAME}');
  }
  if (nameProblem === undefined && takenName) add('name', nameTakenMessage(body.name as string));
  add('description', checkMaybeString(body.description));
  if (valueRequired || 'value' in body) add('value', checkRequiredString(body, 'value') ?? checkFilledString(body.value));
  return errors;
}

/** The input of a body {@link validateSecret} accepted. */
export function secretInput(body: Record<string, unknown>): SecretInput {
  return {
    name: body.name as string,
    description: typeof body.description === 'string' ? body.description : null,
    value: typeof body.value === 'string' ? body.value : undefined,
  };
}
