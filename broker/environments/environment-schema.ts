import { checkMaybeString, checkRequiredString, isObject } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';

/** One contact of an environment: only these two keys are kept, as the Ruby broker's decorator reads them. */
export interface EnvironmentContact {
  name: string;
  details?: Record<string, unknown>;
}

/** A valid environment body (POST /environments, PUT /environments/{uuid}). */
export interface EnvironmentInput {
  name: string;
  /** Blank means "generate one from the name". */
  displayName: string | null;
  production: boolean;
  contacts: EnvironmentContact[] | null;
}

export type EnvironmentValidation = { valid: true; value: EnvironmentInput } | { valid: false; errors: ValidationErrors };

const SINGLE_LINE = 'cannot contain multiple lines';

/**
 * Validates an environment body with the Ruby broker's rules and texts (`environment_schema.rb`).
 * `otherUuidWithName` is the uuid of an existing environment that already has the requested name,
 * if it is not the one being written: names are unique.
 */
export function validateEnvironment(body: Record<string, unknown>, otherUuidWithName: string | undefined): EnvironmentValidation {
  const errors: ValidationErrors = {};
  const add = (key: string, message: string | undefined) => {
    if (message !== undefined) (errors[key] ??= []).push(message);
  };

  const nameError = checkRequiredString(body, 'name');
  add('name', nameError);
  const displayNameError = checkMaybeString(body.displayName);
  add('displayName', displayNameError);
  add('production', checkProduction(body));
  const contactsErrors = checkContacts(body);
  for (const message of contactsErrors) add('contacts', message);

  // Rules run only on keys whose schema checks passed, as dry-validation's do.
  if (nameError === undefined && typeof body.name === 'string') {
    if (body.name.includes('\n')) add('name', SINGLE_LINE);
    if (body.name.includes(' ')) add('name', 'cannot contain spaces');
    if (otherUuidWithName !== undefined) add('name', nameTakenMessage(body.name));
  }
  if (displayNameError === undefined && typeof body.displayName === 'string' && body.displayName.includes('\n')) {
    add('displayName', SINGLE_LINE);
  }
  if (contactsErrors.length === 0 && Array.isArray(body.contacts)) {
    (body.contacts as { name: string }[]).forEach((contact, index) => {
      if (contact.name.includes('\n')) add('contacts', `name ${SINGLE_LINE} (at index ${index})`);
    });
  }

  if (Object.keys(errors).length > 0) return { valid: false, errors };
  return { valid: true, value: toInput(body) };
}

/** `required(:production).filled(included_in?: [true, false])`. */
function checkProduction(body: Record<string, unknown>): string | undefined {
  if (!('production' in body)) return 'is missing';
  const value = body.production;
  if (value === null || value === '') return 'must be filled';
  return typeof value === 'boolean' ? undefined : 'must be one of: true, false';
}

/** `optional(:contacts).array(:hash) { required(:name).filled(:string); optional(:details).hash }`. */
function checkContacts(body: Record<string, unknown>): string[] {
  if (!('contacts' in body)) return [];
  const contacts = body.contacts;
  if (!Array.isArray(contacts)) return ['must be an array'];
  return contacts.flatMap((contact: unknown, index) => {
    if (!isObject(contact)) return [`must be a hash (at index ${index})`];
    const messages: string[] = [];
    const nameError = checkRequiredString(contact, 'name');
    if (nameError) messages.push(`name ${nameError}`);
    if ('details' in contact && !isObject(contact.details)) messages.push('details must be a hash');
    return messages.map((message) => `${message} (at index ${index})`);
  });
}

/** The uniqueness rule's text (`environment_name_must_be_unique`). */
export function nameTakenMessage(name: string): string {
  return `name '${name}' is already used by an existing environment.`;
}

function toInput(body: Record<string, unknown>): EnvironmentInput {
  const contacts = Array.isArray(body.contacts)
    ? (body.contacts as Record<string, unknown>[]).map((contact) => ({
        name: contact.name as string,
        ...(isObject(contact.details) ? { details: contact.details } : {}),
      }))
    : null;
  return {
    name: body.name as string,
    displayName: typeof body.displayName === 'string' ? body.displayName : null,
    production: body.production as boolean,
    contacts,
  };
}
