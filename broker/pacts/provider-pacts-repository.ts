import type { Db } from '../db/index.js';
import { versionIdsCurrentlyIn } from '../deployments/index.js';
import { latestIntegrationOrder } from './latest-integration-order.js';
import { pactQuery, type PactRow, type PactRowWithContent } from './pact-repository.js';

/** Query code for the pacts of one provider, chosen by their consumer versions (latest revisions only). */

/**
 * Which consumer versions' pacts a provider collection holds, as the Ruby broker's provider
 * resources and provider-state service select them (`pact_publication_dataset_module.rb`,
 * `pact_publication_selector_dataset_module.rb`).
 */
export type ProviderPactSelection =
  /** Every version, or every version with the tag. */
  | { kind: 'all'; tag?: string }
  /** Per consumer, the highest-ordered version that has a pact (and the tag). */
  | { kind: 'latest'; tag?: string }
  /** Versions on the branch, or on each consumer's main branch when `branch` is absent; with `heads`, only branch heads. */
  | { kind: 'branch'; branch?: string; heads: boolean }
  /** Versions currently deployed to, or released and supported in, the environment of that name. */
  | { kind: 'environment'; environmentName: string };

export interface ProviderPactsQuery {
  providerId: number;
  /** Only this consumer's pacts. */
  consumerId?: number;
  selection: ProviderPactSelection;
}

/** The provider's pacts the query selects, in no particular order. */
export async function findProviderPacts(db: Db, query: ProviderPactsQuery): Promise<PactRow[]> {
  return providerPacts(db, query).execute();
}

/** {@link findProviderPacts} with each pact's content. */
export async function findProviderPactsWithContent(db: Db, query: ProviderPactsQuery): Promise<PactRowWithContent[]> {
  return providerPacts(db, query).select('pv.content as content').execute();
}

function providerPacts(db: Db, { providerId, consumerId, selection }: ProviderPactsQuery) {
  let query = pactQuery(db, 'latest').where('pp.provider_id', '=', providerId);
  if (consumerId !== undefined) query = query.where('pp.consumer_id', '=', consumerId);
  switch (selection.kind) {
    case 'all': {
      const { tag } = selection;
      if (tag === undefined) return query;
      return query.where((eb) => eb.exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'cv.id').where('t.name', '=', tag)));
    }
    case 'latest': {
      const { tag } = selection;
      return query.where((eb) => {
        let versions = latestIntegrationOrder(db, eb.ref('pp.consumer_id'), eb.ref('pp.provider_id'));
        if (tag !== undefined) {
          versions = versions.where((inner) =>
            inner.exists(inner.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'v2.id').where('t.name', '=', tag)),
          );
        }
        return eb('cv.order', '=', versions);
      });
    }
    case 'branch': {
      const { branch, heads } = selection;
      return query.where((eb) => {
        let onBranch = eb.selectFrom('branch_versions as b').select('b.id').whereRef('b.version_id', '=', 'cv.id');
        if (heads) {
          onBranch = onBranch.where((inner) => inner.exists(inner.selectFrom('branch_heads as h').select('h.id').whereRef('h.branch_version_id', '=', 'b.id')));
        }
        return eb.exists(branch === undefined ? onBranch.whereRef('b.branch_name', '=', 'c.main_branch') : onBranch.where('b.branch_name', '=', branch));
      });
    }
    case 'environment':
      return query.where('cv.id', 'in', versionIdsCurrentlyIn(db, selection.environmentName));
  }
}
