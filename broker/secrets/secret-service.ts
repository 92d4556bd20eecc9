import { randomUUID } from 'node:crypto';
import type { Db, SecretRow } from '../db/index.js';
import { messageError, validationFailed } from '../http/index.js';
import { decryptSecretValue, encryptSecretValue, SecretDecryptionError } from './secret-cipher.js';
import { findSecretByName, findSecretsByName, insertSecret, updateSecret, type SecretValues } from './secret-repository.js';
import { nameTakenMessage, secretInput, validateSecret, type SecretInput } from './secret-schema.js';

/** Validates a secret body for the secret with this uuid (undefined: a new one) and throws the 400 when it is invalid. */
export async function parseSecret(db: Db, body: Record<string, unknown>, uuid: string | undefined): Promise<SecretInput> {
  const sameName = typeof body.name === 'string' ? await findSecretByName(db, body.name) : undefined;
  const errors = validateSecret(body, { valueRequired: uuid === undefined, takenName: sameName !== undefined && sameName.uuid !== uuid });
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return secretInput(body);
}

/** The platform's key, or the refusal a broker started without one answers to writes. */
export function requireSecretsKey(key: Buffer | undefined): Buffer {
  if (key) return key;
  throw messageError(
    501,
    'Secrets are not enabled on this broker: it was started without a secrets key (PACT_BROKER_SECRETS_KEY).',
    '501 Not Implemented',
    'secrets-not-enabled',
  );
}

/** Creates the secret under a new uuid, its value encrypted. */
export async function createSecret(db: Db, key: Buffer, input: SecretInput, now: string): Promise<SecretRow> {
  const uuid = randomUUID();
  const created = await insertSecret(db, uuid, values(key, uuid, input, undefined), now);
  // Another request took the name between validation and insert.
  if (!created) throw validationFailed({ name: [nameTakenMessage(input.name)] });
  return created;
}

/** Replaces name and description, and the value when the body has one; undefined when the secret is gone. */
export async function replaceSecret(db: Db, key: Buffer, existing: SecretRow, input: SecretInput, now: string): Promise<SecretRow | undefined> {
  return updateSecret(db, existing.uuid, values(key, existing.uuid, input, existing.encrypted_value), now);
}

function values(key: Buffer, uuid: string, input: SecretInput, storedValue: string | undefined): SecretValues {
  const encrypted = input.value === undefined ? storedValue : encryptSecretValue(key, uuid, input.value);
  if (encrypted === undefined) throw new Error('A new secret needs a value');
  return { name: input.name, description: input.description, encrypted_value: encrypted };
}

/** The values of the named secrets that exist, decrypted, by name; throws {@link SecretDecryptionError} naming the secret, never a value. */
export async function secretValues(db: Db, key: Buffer, names: readonly string[]): Promise<Map<string, string>> {
  const rows = await findSecretsByName(db, names);
  return new Map(rows.map((row) => [row.name, decryptNamed(key, row)]));
}

function decryptNamed(key: Buffer, row: SecretRow): string {
  try {
    return decryptSecretValue(key, row.uuid, row.encrypted_value);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    throw new SecretDecryptionError(`The secret ${row.name} cannot be decrypted: ${error.message}.`, { cause: error });
  }
}
