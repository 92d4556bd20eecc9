import type { Db } from '../db/database.js';
import type { PacticipantRow } from '../db/schema.js';
import { generateDisplayName } from './display-name.js';

/** Query code for the `pacticipants` table. */

export async function findPacticipantByName(db: Db, name: string): Promise<PacticipantRow | undefined> {
  return db.selectFrom('pacticipants').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findOrCreatePacticipant(db: Db, name: string, now: string): Promise<PacticipantRow> {
  await db
    .insertInto('pacticipants')
    .values({ name, display_name: generateDisplayName(name), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.selectFrom('pacticipants').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

export async function listPacticipants(db: Db): Promise<PacticipantRow[]> {
  return db.selectFrom('pacticipants').selectAll().orderBy('name').execute();
}

export async function listPacticipantNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('pacticipants').select('name').execute();
  return rows.map((row) => row.name);
}

export async function setMainBranch(db: Db, pacticipantId: number, mainBranch: string, now: string): Promise<void> {
  await db
    .updateTable('pacticipants')
    .set({ main_branch: mainBranch, updated_at: now })
    .where('id', '=', pacticipantId)
    .execute();
}
