import type { Db, EnvironmentRow, EnvironmentTable } from '../db/index.js';

/** Query code for the `environments` table. */

/** The columns a create or a full replace writes. */
export type EnvironmentValues = Pick<EnvironmentTable, 'name' | 'display_name' | 'production' | 'contacts'>;

export async function findEnvironmentByUuid(db: Db, uuid: string): Promise<EnvironmentRow | undefined> {
  return db.selectFrom('environments').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

export async function findEnvironmentById(db: Db, id: number): Promise<EnvironmentRow | undefined> {
  return db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEnvironmentByName(db: Db, name: string): Promise<EnvironmentRow | undefined> {
  return db.selectFrom('environments').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The names among `names` that are environments' names. */
export async function findExistingEnvironmentNames(db: Db, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db.selectFrom('environments').select('name').where('name', 'in', [...new Set(names)]).execute();
  return new Set(rows.map((row) => row.name));
}

/** Every environment, ordered by display name regardless of case, as the Ruby broker lists them. */
export async function listEnvironments(db: Db): Promise<EnvironmentRow[]> {
  return db
    .selectFrom('environments')
    .selectAll()
    .orderBy((eb) => eb.fn('lower', ['display_name']))
    .orderBy('name')
    .execute();
}

/** Inserts the environment; undefined when another one took the name meanwhile. */
export async function insertEnvironment(db: Db, uuid: string, values: EnvironmentValues, now: string): Promise<EnvironmentRow | undefined> {
  return db
    .insertInto('environments')
    .values({ uuid, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateEnvironment(db: Db, uuid: string, values: EnvironmentValues, now: string): Promise<EnvironmentRow | undefined> {
  return db
    .updateTable('environments')
    .set({ ...values, updated_at: now })
    .where('uuid', '=', uuid)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the environment; its deployed and released versions go with it (foreign keys cascade). */
export async function deleteEnvironment(db: Db, uuid: string): Promise<void> {
  await db.deleteFrom('environments').where('uuid', '=', uuid).execute();
}
