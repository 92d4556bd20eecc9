import type { Db, VersionRow } from '../db/index.js';
import { recordDeployment } from './deployed-version-service.js';
import { findEnvironmentByName } from '../environments/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';

/**
 * A tag named as an environment records the version as deployed there (no application instance),
 * as the Ruby broker does on `PUT …/tags/{tag}` while `create_deployed_versions_for_tags` is on, its
 * default (deployed_version_service.rb `maybe_create_deployed_version_for_tag`, team issue 14): tags
 * were how deployments were marked before environments existed. A version already deployed there stays so.
 */
export async function recordDeploymentForTag(db: Db, pacticipantName: string, version: VersionRow, tagName: string, now: string): Promise<void> {
  const environment = await findEnvironmentByName(db, tagName);
  const pacticipant = environment && (await findPacticipantByName(db, pacticipantName));
  if (!environment || !pacticipant) return;
  await recordDeployment(db, { pacticipant, version, environment }, null, now, true);
}
