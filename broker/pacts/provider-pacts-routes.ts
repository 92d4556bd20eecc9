import { Hono } from 'hono';
import type { Db } from '../db/database.js';
import { urlEncode } from '../hal/url-encoding.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv } from '../http/broker-env.js';
import { resource } from '../http/resource.js';
import { requireNamedPacticipant } from '../pacticipants/pacticipant-lookup.js';
import { comparePacts } from './pact-order.js';
import { decoratePactVersions } from './pact-versions-decorator.js';
import { decorateProviderPacts } from './provider-pacts-decorator.js';
import { findProviderPacts, type ProviderPactSelection } from './provider-pacts-repository.js';

const PROVIDER = '/pacts/provider/:provider';
const INTEGRATION = `${PROVIDER}/consumer/:consumer`;

type SelectionOf = (c: BrokerContext) => ProviderPactSelection;

const all: SelectionOf = () => ({ kind: 'all' });
const tagged: SelectionOf = (c) => ({ kind: 'all', tag: pathParam(c, 'tag') });
const latest: SelectionOf = () => ({ kind: 'latest' });
const latestTagged: SelectionOf = (c) => ({ kind: 'latest', tag: pathParam(c, 'tag') });
const mainBranch: SelectionOf = () => ({ kind: 'branch', heads: false });
const mainBranchHeads: SelectionOf = () => ({ kind: 'branch', heads: true });
const branch: SelectionOf = (c) => ({ kind: 'branch', branch: pathParam(c, 'branch'), heads: false });
const branchHeads: SelectionOf = (c) => ({ kind: 'branch', branch: pathParam(c, 'branch'), heads: true });

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

/**
 * Suffixes of `/pacts/provider/{p}/consumer/{c}`: one integration's pact versions (RB PactVersionsForBranch).
 * `/branch` and `/branch/latest` are not Ruby broker routes: they are what `pact-broker get-pacts
 * --consumer` requests for the main branch, and answer what their `/versions` twins do.
 */
const INTEGRATION_COLLECTIONS: [string, SelectionOf][] = [
  ['/branch', mainBranch],
  ['/branch/versions', mainBranch],
  ['/branch/latest', mainBranchHeads],
  ['/branch/latest/versions', mainBranchHeads],
  ['/branch/:branch', branch],
  ['/branch/:branch/latest/versions', branchHeads],
];

/** A provider's pacts by consumer version tag, branch or recency (broker-api.md §3.1; `pact-broker get-pacts`). */
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

  for (const [suffix, selectionOf] of INTEGRATION_COLLECTIONS) {
    const path = `${INTEGRATION}${suffix}`;
    resource(app, path, {
      GET: async (c) => {
        const consumerName = pathParam(c, 'consumer');
        const providerName = pathParam(c, 'provider');
        const consumer = await requireNamedPacticipant(db, consumerName, 'consumer');
        const provider = await requireNamedPacticipant(db, providerName, 'provider');
        const pacts = await findProviderPacts(db, { providerId: provider.id, consumerId: consumer.id, selection: selectionOf(c) });
        const collection = { consumerName, providerName, selfUrl: resourceUrl(c, path) };
        return halJson(decoratePactVersions(collection, pacts.sort(comparePacts), c.get('baseUrl')));
      },
    });
  }

  return app;
}

/** The resource's own URL: the route with its parameters encoded as in every other link. */
function resourceUrl(c: BrokerContext, route: string): string {
  return c.get('baseUrl') + route.replace(/:(\w+)/g, (_, name: string) => urlEncode(pathParam(c, name)));
}

/** `All pact versions for the provider P`, `Latest pact versions for the provider P with consumer version tag 'T'`, … */
function collectionTitle(providerName: string, selection: ProviderPactSelection): string {
  const latestOnly = selection.kind === 'latest' || (selection.kind === 'branch' && selection.heads);
  let qualifier = '';
  if (selection.kind === 'branch' && selection.branch !== undefined) qualifier = ` with consumer version branch '${selection.branch}'`;
  if ((selection.kind === 'all' || selection.kind === 'latest') && selection.tag !== undefined) qualifier = ` with consumer version tag '${selection.tag}'`;
  return `${latestOnly ? 'Latest' : 'All'} pact versions for the provider ${providerName}${qualifier}`;
}
