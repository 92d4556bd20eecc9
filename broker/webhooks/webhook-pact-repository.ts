import type { Db } from '../db/index.js';
import { pactQuery, type PactRow } from '../pacts/index.js';

/** Query code for the pact and version details a webhook execution renders. */

/** The latest pact (by publication) between the named consumer and provider, either side optional. */
export async function findLatestPactFor(db: Db, consumerName: string | undefined, providerName: string | undefined): Promise<PactRow | undefined> {
  let query = pactQuery(db, 'latest');
  if (consumerName !== undefined) query = query.where('c.name', '=', consumerName);
  if (providerName !== undefined) query = query.where('p.name', '=', providerName);
  return query.orderBy('pp.id', 'desc').limit(1).executeTakeFirst();
}

/** The branch the version was added to last. */
export async function findLastBranchName(db: Db, versionId: number): Promise<string | undefined> {
  const row = await db.selectFrom('branch_versions').select('branch_name').where('version_id', '=', versionId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.branch_name;
}
