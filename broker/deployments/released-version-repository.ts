import type { Db, ReleasedVersionRow } from '../db/index.js';

/** Query code for `released_versions`. */

/** A released version with the names it is shown with. */
export type ReleasedVersionListing = ReleasedVersionRow & { pacticipant_name: string; version_number: string };

function selectListings(db: Db) {
  return db
    .selectFrom('released_versions as rv')
    .innerJoin('pacticipants as p', 'p.id', 'rv.pacticipant_id')
    .innerJoin('versions as v', 'v.id', 'rv.version_id')
    .selectAll('rv')
    .select(['p.name as pacticipant_name', 'v.number as version_number']);
}

export async function findReleasedVersionByUuid(db: Db, uuid: string): Promise<ReleasedVersionListing | undefined> {
  return selectListings(db).where('rv.uuid', '=', uuid).executeTakeFirst();
}

/** The release of the version to the environment: there is at most one. */
export async function findReleaseOfVersionToEnvironment(db: Db, versionId: number, environmentId: number): Promise<ReleasedVersionListing | undefined> {
  return selectListings(db).where('rv.version_id', '=', versionId).where('rv.environment_id', '=', environmentId).executeTakeFirst();
}

/** What a release row is made of. */
export interface NewRelease {
  uuid: string;
  versionId: number;
  pacticipantId: number;
  environmentId: number;
}

export async function insertRelease(db: Db, release: NewRelease, now: string): Promise<void> {
  await db
    .insertInto('released_versions')
    .values({
      uuid: release.uuid,
      version_id: release.versionId,
      pacticipant_id: release.pacticipantId,
      environment_id: release.environmentId,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Makes an ended release supported again. */
export async function markReleaseSupported(db: Db, versionId: number, environmentId: number, now: string): Promise<void> {
  await db
    .updateTable('released_versions')
    .set({ support_ended_at: null, updated_at: now })
    .where('version_id', '=', versionId)
    .where('environment_id', '=', environmentId)
    .where('support_ended_at', 'is not', null)
    .execute();
}

/** Ends support for the release unless it already ended; `updated_at` stays, as in the Ruby broker. */
export async function recordSupportEnded(db: Db, releasedVersionId: number, now: string): Promise<void> {
  await db
    .updateTable('released_versions')
    .set({ support_ended_at: now })
    .where('id', '=', releasedVersionId)
    .where('support_ended_at', 'is', null)
    .execute();
}

/** Every release of the version, to any environment, in the order they were recorded. */
export async function listReleasesOfVersion(db: Db, versionId: number): Promise<ReleasedVersionListing[]> {
  return selectListings(db).where('rv.version_id', '=', versionId).orderBy('rv.id').execute();
}

/** Narrows the currently supported releases of an environment. */
export interface CurrentReleasesFilter {
  pacticipantName?: string;
  versionNumber?: string;
}

/** The releases to the environment whose support has not ended, in the order they were recorded. */
export async function listCurrentlySupportedReleases(db: Db, environmentId: number, { pacticipantName, versionNumber }: CurrentReleasesFilter): Promise<ReleasedVersionListing[]> {
  let query = selectListings(db).where('rv.environment_id', '=', environmentId).where('rv.support_ended_at', 'is', null);
  if (pacticipantName !== undefined) query = query.where('p.name', '=', pacticipantName);
  if (versionNumber !== undefined) query = query.where('v.number', '=', versionNumber);
  return query.orderBy('rv.id').execute();
}
