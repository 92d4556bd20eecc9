import { sql, type Selectable } from 'kysely';
import type { Db, LabelTable, PacticipantRow } from '../db/index.js';

/** Query code for the `labels` table (issue 14); a pacticipant's labels go with it by foreign-key cascade. */

export type LabelRow = Selectable<LabelTable>;

export async function findLabel(db: Db, pacticipantId: number, name: string): Promise<LabelRow | undefined> {
  return db.selectFrom('labels').selectAll().where('pacticipant_id', '=', pacticipantId).where('name', '=', name).executeTakeFirst();
}

/** Adds the label unless the pacticipant has it already, and returns the one stored. */
export async function insertLabel(db: Db, pacticipantId: number, name: string, now: string): Promise<LabelRow> {
  await db
    .insertInto('labels')
    .values({ name, pacticipant_id: pacticipantId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['pacticipant_id', 'name']).doNothing())
    .execute();
  return db.selectFrom('labels').selectAll().where('pacticipant_id', '=', pacticipantId).where('name', '=', name).executeTakeFirstOrThrow();
}

export async function deleteLabel(db: Db, pacticipantId: number, name: string): Promise<void> {
  await db.deleteFrom('labels').where('pacticipant_id', '=', pacticipantId).where('name', '=', name).execute();
}

/** Every label name in use, once each, in name order (the Ruby broker's `get_all_unique_labels`). */
export async function listUniqueLabelNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('labels').select('name').distinct().orderBy('name').execute();
  return rows.map((row) => row.name);
}

/** The label names of each of these pacticipants, in name order; a pacticipant without labels has none in the map. */
export async function labelNamesByPacticipant(db: Db, pacticipantIds: readonly number[]): Promise<Map<number, string[]>> {
  const byPacticipant = new Map<number, string[]>();
  if (pacticipantIds.length === 0) return byPacticipant;
  const rows = await db.selectFrom('labels').select(['pacticipant_id', 'name']).where('pacticipant_id', 'in', [...pacticipantIds]).orderBy('name').execute();
  for (const row of rows) byPacticipant.set(row.pacticipant_id, [...(byPacticipant.get(row.pacticipant_id) ?? []), row.name]);
  return byPacticipant;
}

/** The pacticipants that carry the label, in name order ignoring case (the Ruby broker's `order_ignore_case`). */
export async function listPacticipantsWithLabel(db: Db, name: string): Promise<PacticipantRow[]> {
  return db
    .selectFrom('pacticipants')
    .innerJoin('labels', 'labels.pacticipant_id', 'pacticipants.id')
    .selectAll('pacticipants')
    .where('labels.name', '=', name)
    .orderBy(sql`lower(pacticipants.name)`)
    .execute();
}
