import { randomUUID } from 'node:crypto';
import type { Db, EnvironmentRow } from '../db/index.js';
import { validationFailed } from '../http/index.js';
import { generateDisplayName } from '../pacticipants/index.js';
import { findEnvironmentByName, insertEnvironment, updateEnvironment, type EnvironmentValues } from './environment-repository.js';
import { nameTakenMessage, validateEnvironment, type EnvironmentInput } from './environment-schema.js';

/**
 * Validates an environment body for the environment with this uuid (undefined: a new one), and
 * throws the 400 the Ruby broker answers when it is invalid.
 */
export async function parseEnvironment(db: Db, body: Record<string, unknown>, uuid: string | undefined): Promise<EnvironmentInput> {
  const sameName = typeof body.name === 'string' ? await findEnvironmentByName(db, body.name) : undefined;
  const validation = validateEnvironment(body, sameName && sameName.uuid !== uuid ? sameName.uuid : undefined);
  if (!validation.valid) throw validationFailed(validation.errors);
  return validation.value;
}

/** Creates the environment under a new random (v4) uuid. */
export async function createEnvironment(db: Db, input: EnvironmentInput, now: string): Promise<EnvironmentRow> {
  const created = await insertEnvironment(db, randomUUID(), environmentValues(input), now);
  // Another request took the name between validation and insert.
  if (!created) throw validationFailed({ name: [nameTakenMessage(input.name)] });
  return created;
}

/** Replaces every field of the environment (PUT); undefined when there is none with this uuid. */
export async function replaceEnvironment(db: Db, uuid: string, input: EnvironmentInput, now: string): Promise<EnvironmentRow | undefined> {
  return updateEnvironment(db, uuid, environmentValues(input), now);
}

function environmentValues(input: EnvironmentInput): EnvironmentValues {
  const displayName = input.displayName?.trim() ? input.displayName : generateDisplayName(input.name);
  return {
    name: input.name,
    display_name: displayName,
    production: input.production ? 1 : 0,
    contacts: input.contacts === null ? null : JSON.stringify(input.contacts),
  };
}
