import type { Db, TagRow, VersionRow } from '../db/index.js';

/** Query code for the `tags` table. */

export async function findTagNamesOfVersion(db: Db, versionId: number): Promise<string[]> {
  const rows = await db.selectFrom('tags').select('name').where('version_id', '=', versionId).orderBy('created_at').orderBy('name').execute();
  return rows.map((row) => row.name);
}

/** Tags the version; tagging it again with the same name changes nothing. */
export async function insertTag(db: Db, version: VersionRow, name: string, now: string): Promise<void> {
  await db
    .insertInto('tags')
    .values({
      version_id: version.id,
      name,
      pacticipant_id: version.pacticipant_id,
      version_order: version.order,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['version_id', 'name']).doNothing())
    .execute();
}

export async function findTag(db: Db, versionId: number, name: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('version_id', '=', versionId).where('name', '=', name).executeTakeFirst();
}

/** A tag that must exist, e.g. one just inserted. */
export async function getTag(db: Db, versionId: number, name: string): Promise<TagRow> {
  return db.selectFrom('tags').selectAll().where('version_id', '=', versionId).where('name', '=', name).executeTakeFirstOrThrow();
}

export async function deleteTag(db: Db, versionId: number, name: string): Promise<void> {
  await db.deleteFrom('tags').where('version_id', '=', versionId).where('name', '=', name).execute();
}

export async function deleteTagsOfVersion(db: Db, versionId: number): Promise<void> {
  await db.deleteFrom('tags').where('version_id', '=', versionId).execute();
}
