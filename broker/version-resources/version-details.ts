import type { Db } from '../db/database.js';
import type { EnvironmentRow, VersionRow } from '../db/schema.js';
import { findVersionDeployments } from '../deployments/version-deployment-links.js';
import { listEnvironments } from '../environments/environment-repository.js';
import { findPactsOfConsumerVersion } from '../pacts/pact-repository.js';
import { findBranchVersionsOfVersion } from '../versions/branch-repository.js';
import { findTagNamesOfVersion } from '../versions/tag-repository.js';
import type { VersionDetails } from './version-decorator.js';

/** Everything the version resource renders about one version; a collection passes the environments it listed once for all. */
export async function loadVersionDetails(db: Db, pacticipantName: string, version: VersionRow, environments?: EnvironmentRow[]): Promise<VersionDetails> {
  return {
    pacticipantName,
    version,
    tagNames: await findTagNamesOfVersion(db, version.id),
    branchVersions: await findBranchVersionsOfVersion(db, version.id),
    pacts: await findPactsOfConsumerVersion(db, version.id),
    deployments: await findVersionDeployments(db, version.id, environments ?? (await listEnvironments(db))),
  };
}
