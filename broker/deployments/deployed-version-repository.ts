import type { Db, DeployedVersionRow } from '../db/index.js';

/** Query code for `deployed_versions` and `currently_deployed_version_ids`. */

/** A deployed version with the names it is shown with and whether it is the current deployment. */
export type DeployedVersionListing = DeployedVersionRow & {
  pacticipant_name: string;
  version_number: string;
  currently_deployed: boolean;
};

/** Where a version is deployed: environment and application instance (null: none). */
export interface DeploymentTarget {
  pacticipantId: number;
  environmentId: number;
  target: string | null;
}

/** `''` stands for "no application instance" in the unique index, which cannot hold a null. */
export const targetForIndex = (target: string | null) => target ?? '';

function selectListings(db: Db) {
  return db
    .selectFrom('deployed_versions as dv')
    .innerJoin('pacticipants as p', 'p.id', 'dv.pacticipant_id')
    .innerJoin('versions as v', 'v.id', 'dv.version_id')
    .leftJoin('currently_deployed_version_ids as cdv', 'cdv.deployed_version_id', 'dv.id')
    .selectAll('dv')
    .select(['p.name as pacticipant_name', 'v.number as version_number', 'cdv.id as current_id']);
}

type ListingRow = DeployedVersionRow & { pacticipant_name: string; version_number: string; current_id: number | null };

function toListing({ current_id, ...row }: ListingRow): DeployedVersionListing {
  return { ...row, currently_deployed: current_id !== null };
}

export async function findDeployedVersionByUuid(db: Db, uuid: string): Promise<DeployedVersionListing | undefined> {
  const row = await selectListings(db).where('dv.uuid', '=', uuid).executeTakeFirst();
  return row && toListing(row);
}

/** The version's current deployment to that environment and instance, if it is deployed there now. */
export async function findCurrentDeploymentOfVersion(db: Db, versionId: number, { environmentId, target }: DeploymentTarget): Promise<DeployedVersionRow | undefined> {
  return db
    .selectFrom('deployed_versions as dv')
    .innerJoin('currently_deployed_version_ids as cdv', 'cdv.deployed_version_id', 'dv.id')
    .selectAll('dv')
    .where('dv.version_id', '=', versionId)
    .where('dv.environment_id', '=', environmentId)
    .where('dv.target', target === null ? 'is' : '=', target)
    .executeTakeFirst();
}

/** Sets `undeployed_at` on the pacticipant's deployments to that environment and instance that have none yet. */
export async function markDeploymentsUndeployed(db: Db, { pacticipantId, environmentId, target }: DeploymentTarget, now: string): Promise<void> {
  await db
    .updateTable('deployed_versions')
    .set({ undeployed_at: now })
    .where('pacticipant_id', '=', pacticipantId)
    .where('environment_id', '=', environmentId)
    .where('target', target === null ? 'is' : '=', target)
    .where('undeployed_at', 'is', null)
    .execute();
}

export async function insertDeployedVersion(db: Db, uuid: string, versionId: number, deployment: DeploymentTarget, now: string, autoCreated = false): Promise<DeployedVersionRow> {
  return db
    .insertInto('deployed_versions')
    .values({
      uuid,
      version_id: versionId,
      pacticipant_id: deployment.pacticipantId,
      environment_id: deployment.environmentId,
      target: deployment.target,
      target_for_index: targetForIndex(deployment.target),
      auto_created: autoCreated ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Points the pacticipant's one current deployment for the environment and instance at this deployed version. */
export async function setCurrentDeployment(db: Db, deployed: DeployedVersionRow): Promise<void> {
  await db
    .insertInto('currently_deployed_version_ids')
    .values({
      pacticipant_id: deployed.pacticipant_id,
      environment_id: deployed.environment_id,
      target_for_index: deployed.target_for_index,
      version_id: deployed.version_id,
      deployed_version_id: deployed.id,
    })
    .onConflict((oc) =>
      oc
        .columns(['pacticipant_id', 'environment_id', 'target_for_index'])
        .doUpdateSet({ version_id: deployed.version_id, deployed_version_id: deployed.id }),
    )
    .execute();
}

/** Ends the deployment: no longer current, `undeployed_at` set unless it already was. */
export async function recordUndeployed(db: Db, deployedVersionId: number, now: string): Promise<void> {
  await db.deleteFrom('currently_deployed_version_ids').where('deployed_version_id', '=', deployedVersionId).execute();
  await db
    .updateTable('deployed_versions')
    .set({ undeployed_at: now })
    .where('id', '=', deployedVersionId)
    .where('undeployed_at', 'is', null)
    .execute();
}

/** Every deployment of the version to the environment, newest first. */
export async function listDeploymentsOfVersionToEnvironment(db: Db, versionId: number, environmentId: number): Promise<DeployedVersionListing[]> {
  const rows = await selectListings(db)
    .where('dv.version_id', '=', versionId)
    .where('dv.environment_id', '=', environmentId)
    .orderBy('dv.created_at', 'desc')
    .orderBy('dv.id', 'desc')
    .execute();
  return rows.map(toListing);
}

/** Every deployment of the version, to any environment, in the order they were recorded. */
export async function listDeploymentsOfVersion(db: Db, versionId: number): Promise<DeployedVersionListing[]> {
  const rows = await selectListings(db).where('dv.version_id', '=', versionId).orderBy('dv.id').execute();
  return rows.map(toListing);
}

/** Narrows the currently deployed versions of an environment; `target` undefined: any instance, null: none. */
export interface CurrentDeploymentsFilter {
  pacticipantName?: string;
  target?: string | null;
}

/** What is deployed to the environment now, newest first. */
export async function listCurrentDeployments(db: Db, environmentId: number, { pacticipantName, target }: CurrentDeploymentsFilter): Promise<DeployedVersionListing[]> {
  let query = selectListings(db).where('cdv.environment_id', '=', environmentId);
  if (pacticipantName !== undefined) query = query.where('p.name', '=', pacticipantName);
  if (target !== undefined) query = query.where('dv.target', target === null ? 'is' : '=', target);
  const rows = await query.orderBy('dv.created_at', 'desc').orderBy('dv.id', 'desc').execute();
  return rows.map(toListing);
}
