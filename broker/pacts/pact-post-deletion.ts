import type { Db } from '../db/index.js';
import { latestPactUrl } from '../hal/index.js';
import type { HalLink } from '../hal/index.js';
import { findLatestPact } from './pact-repository.js';

/** What a pact deletion answers (RB pact_resource_methods.rb `set_post_deletion_response`): the index and the latest pact left. */
export async function postDeletionBody(db: Db, consumerName: string, providerName: string, baseUrl: string): Promise<{ _links: Record<string, HalLink> }> {
  const latest = await findLatestPact(db, { consumerName, providerName });
  const links: Record<string, HalLink> = { index: { href: baseUrl } };
  if (latest) links['pb:latest-pact-version'] = { href: latestPactUrl(baseUrl, latest.consumerName, latest.providerName), title: 'Latest pact' };
  return { _links: links };
}
