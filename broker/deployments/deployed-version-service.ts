import { randomUUID } from 'node:crypto';
import { lockPacticipant } from '../db/index.js';
import type { Db, EnvironmentRow, PacticipantRow, VersionRow } from '../db/index.js';
import {
  findCurrentDeploymentOfVersion,
  insertDeployedVersion,
  markDeploymentsUndeployed,
  recordUndeployed,
  setCurrentDeployment,
} from './deployed-version-repository.js';

/** A version about to be deployed or released, with its pacticipant, and the environment it goes to. */
export interface VersionToEnvironment {
  pacticipant: PacticipantRow;
  version: VersionRow;
  environment: EnvironmentRow;
}

/**
 * Records that the version is deployed to the environment and application instance
 * (docs/broker-api.md#deployed-versions) and returns the deployed version's uuid. When it is already the current deployment there,
 * that one is kept; otherwise the pacticipant's previous deployments there are ended, because only
 * one version of a pacticipant runs in one environment and instance at a time. `autoCreated`: recorded
 * because of a tag, not asked for.
 */
export async function recordDeployment(
  db: Db,
  { pacticipant, version, environment }: VersionToEnvironment,
  applicationInstance: string | null,
  now: string,
  autoCreated = false,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, pacticipant.name);
    const target = { pacticipantId: pacticipant.id, environmentId: environment.id, target: applicationInstance };
    const current = await findCurrentDeploymentOfVersion(tx, version.id, target);
    if (current) return current.uuid;
    await markDeploymentsUndeployed(tx, target, now);
    const deployed = await insertDeployedVersion(tx, randomUUID(), version.id, target, now, autoCreated);
    await setCurrentDeployment(tx, deployed);
    return deployed.uuid;
  });
}

/** Ends a deployment (`currentlyDeployed: false`); ending one that has ended changes nothing. */
export async function recordUndeployment(db: Db, deployedVersionId: number, now: string): Promise<void> {
  await db.transaction().execute((tx) => recordUndeployed(tx, deployedVersionId, now));
}

/**
 * The application instance of a `record-deployment` body: `applicationInstance`, else the older
 * `target` (the CLI sends both), as text; null when neither is given.
 */
export function applicationInstanceOf(body: Record<string, unknown>): string | null {
  // Ruby's `a || b`: only nil and false fall through to the next.
  const value = [body.applicationInstance, body.target].find((candidate) => candidate !== undefined && candidate !== null && candidate !== false);
  if (value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
