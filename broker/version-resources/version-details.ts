import type { Db, EnvironmentRow, VersionRow } from '../db/index.js';
import { findVersionDeployments } from '../deployments/index.js';
import { listEnvironments } from '../environments/index.js';
import { findPactsOfConsumerVersion } from '../pacts/index.js';
import { findBranchVersionsOfVersion, findTagNamesOfVersion } from '../versions/index.js';
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
