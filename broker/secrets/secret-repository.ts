import type { Db, SecretRow, SecretTable } from '../db/index.js';

/** Query code for the `secrets` table (team issue 14). */

/** The columns a create or an update writes. */
export type SecretValues = Pick<SecretTable, 'name' | 'description' | 'encrypted_value'>;

export async function findSecretByUuid(db: Db, uuid: string): Promise<SecretRow | undefined> {
  return db.selectFrom('secrets').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

export async function findSecretByName(db: Db, name: string): Promise<SecretRow | undefined> {
  return db.selectFrom('secrets').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The secrets of these names (those that exist). */
export async function findSecretsByName(db: Db, names: readonly string[]): Promise<SecretRow[]> {
  if (names.length === 0) return [];
  return db.selectFrom('secrets').selectAll().where('name', 'in', [...new Set(names)]).execute();
}

export async function listSecrets(db: Db): Promise<SecretRow[]> {
  return db.selectFrom('secrets').selectAll().orderBy('name').execute();
}

/** Inserts the secret; undefined when another one took the name meanwhile. */
export async function insertSecret(db: Db, uuid: string, values: SecretValues, now: string): Promise<SecretRow | undefined> {
  return db
    .insertInto('secrets')
    .values({ uuid, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateSecret(db: Db, uuid: string, values: SecretValues, now: string): Promise<SecretRow | undefined> {
  return db.updateTable('secrets').set({ ...values, updated_at: now }).where('uuid', '=', uuid).returningAll().executeTakeFirst();
}

export async function deleteSecret(db: Db, uuid: string): Promise<boolean> {
  const result = await db.deleteFrom('secrets').where('uuid', '=', uuid).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
