import type { Updateable } from 'kysely';
import type { Db, PacticipantRow, PacticipantTable } from '../db/index.js';
import { generateDisplayName } from './display-name.js';

/** Query code for the `pacticipants` table. */

/** The columns a client may set on a pacticipant. */
export type PacticipantColumns = Pick<
  PacticipantRow,
  'display_name' | 'main_branch' | 'repository_url' | 'repository_name' | 'repository_namespace'
>;

export async function findPacticipantByName(db: Db, name: string): Promise<PacticipantRow | undefined> {
  return db.selectFrom('pacticipants').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The pacticipants of these names that exist, by name. */
export async function findPacticipantsByNames(db: Db, names: readonly string[]): Promise<Map<string, PacticipantRow>> {
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('pacticipants').selectAll().where('name', 'in', [...new Set(names)]).execute();
  return new Map(rows.map((row) => [row.name, row]));
}

export async function findOrCreatePacticipant(db: Db, name: string, now: string): Promise<PacticipantRow> {
  // Looked up first: every write but a pacticipant's first finds it, in one statement instead of two (team issue 13).
  return (await findPacticipantByName(db, name)) ?? insertPacticipantUnlessExists(db, name, { display_name: generateDisplayName(name) }, now);
}

/** Inserts the pacticipant unless one of that name exists, and returns the one that is stored. */
export async function insertPacticipantUnlessExists(db: Db, name: string, columns: Partial<PacticipantColumns>, now: string): Promise<PacticipantRow> {
  await db
    .insertInto('pacticipants')
    .values({ ...columns, name, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.selectFrom('pacticipants').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

export async function updatePacticipant(db: Db, id: number, changes: Updateable<PacticipantTable>): Promise<PacticipantRow> {
  return db.updateTable('pacticipants').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Deletes the pacticipant; its versions, branches, tags, pacts and integrations go with it by foreign-key cascade. */
export async function deletePacticipant(db: Db, id: number): Promise<void> {
  await db.deleteFrom('pacticipants').where('id', '=', id).execute();
}

export async function listPacticipants(db: Db): Promise<PacticipantRow[]> {
  return db.selectFrom('pacticipants').selectAll().orderBy('name').execute();
}

export async function listPacticipantNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('pacticipants').select('name').execute();
  return rows.map((row) => row.name);
}

export async function setMainBranchIfUnset(db: Db, pacticipantId: number, mainBranch: string, now: string): Promise<void> {
  await db
    .updateTable('pacticipants')
    .set({ main_branch: mainBranch, updated_at: now })
    .where('id', '=', pacticipantId)
    .where('main_branch', 'is', null)
    .execute();
}
