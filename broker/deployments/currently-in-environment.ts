import type { Db } from '../db/index.js';

/**
 * Ids of the versions currently in an environment (any environment when none is named): deployed there
 * and not undeployed, or released there with support not ended. A subquery for
 * `where('<version id>', 'in', …)` (matrix, provider states, dashboard).
 */
export function versionIdsCurrentlyIn(db: Db, environmentName?: string) {
  return db
    .selectFrom('currently_deployed_version_ids as cd')
    .innerJoin('environments as e', 'e.id', 'cd.environment_id')
    .select('cd.version_id')
    .$if(environmentName !== undefined, (query) => query.where('e.name', '=', environmentName ?? ''))
    .union(
      db
        .selectFrom('released_versions as rv')
        .innerJoin('environments as e', 'e.id', 'rv.environment_id')
        .select('rv.version_id')
        .where('rv.support_ended_at', 'is', null)
        .$if(environmentName !== undefined, (query) => query.where('e.name', '=', environmentName ?? '')),
    );
}
