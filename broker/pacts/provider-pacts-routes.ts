import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerEnv, resource } from '../http/index.js';
import { requireNamedPacticipant } from '../pacticipants/index.js';
import { comparePacts } from './pact-order.js';
import { pactVersionsRoutes } from './pact-versions-routes.js';
import { all, branch, branchHeads, latest, latestTagged, mainBranch, mainBranchHeads, resourceUrl, tagged, type SelectionOf } from './pact-selections.js';
import { decorateProviderPacts } from './provider-pacts-decorator.js';
import { findProviderPacts, type ProviderPactSelection } from './provider-pacts-repository.js';

const PROVIDER = '/pacts/provider/:provider';

// As in the Ruby broker's route list, a literal segment (`latest`, `versions`) is registered before
// the `:branch` it would otherwise match: a branch of that name cannot be addressed here.

/** Suffixes of `/pacts/provider/{p}`: HAL lists of pact links (RB ProviderPacts and its kin). */
const PROVIDER_COLLECTIONS: [string, SelectionOf][] = [
  ['', all],
  ['/tag/:tag', tagged],
  ['/latest', latest],
  ['/latest/:tag', latestTagged],
  ['/branch', mainBranch],
  ['/branch/latest', mainBranchHeads],
  ['/branch/:branch', branch],
  ['/branch/:branch/latest', branchHeads],
];

/** A provider's pacts by consumer version tag, branch or recency (docs/broker-api.md#pact-routes; `pact-broker get-pacts`). */
export function providerPactRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  for (const [suffix, selectionOf] of PROVIDER_COLLECTIONS) {
    const path = `${PROVIDER}${suffix}`;
    resource(app, path, {
      GET: async (c) => {
        const providerName = pathParam(c, 'provider');
        const provider = await requireNamedPacticipant(db, providerName, 'provider');
        const selection = selectionOf(c);
        const pacts = await findProviderPacts(db, { providerId: provider.id, selection });
        const collection = { providerName, selfUrl: resourceUrl(c, path), title: collectionTitle(providerName, selection) };
        return halJson(decorateProviderPacts(collection, pacts.sort(comparePacts), c.get('baseUrl')));
      },
    });
  }

  app.route('/', pactVersionsRoutes(db));
  return app;
}

/** `All pact versions for the provider P`, `Latest pact versions for the provider P with consumer version tag 'T'`, … */
function collectionTitle(providerName: string, selection: ProviderPactSelection): string {
  const latestOnly = selection.kind === 'latest' || (selection.kind === 'branch' && selection.heads);
  let qualifier = '';
  if (selection.kind === 'branch' && selection.branch !== undefined) qualifier = ` with consumer version branch '${selection.branch}'`;
  if ((selection.kind === 'all' || selection.kind === 'latest') && selection.tag !== undefined) qualifier = ` with consumer version tag '${selection.tag}'`;
  return `${latestOnly ? 'Latest' : 'All'} pact versions for the provider ${providerName}${qualifier}`;
}
