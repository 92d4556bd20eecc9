import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, resource } from '../http/index.js';
import { requireNamedPacticipant } from '../pacticipants/index.js';
import { comparePacts } from './pact-order.js';
import { postDeletionBody } from './pact-post-deletion.js';
import { deletePublications, type PactRow } from './pact-repository.js';
import { all, branch, branchHeads, mainBranch, mainBranchHeads, resourceUrl, type SelectionOf } from './pact-selections.js';
import { decoratePactVersions } from './pact-versions-decorator.js';
import { findProviderPacts } from './provider-pacts-repository.js';

const INTEGRATION = '/pacts/provider/:provider/consumer/:consumer';

/** Newest first, as the Ruby broker's `find_all_pact_versions_between` (`reverse_order(:consumer_version_order)`). */
const newestFirst = (a: PactRow, b: PactRow) => comparePacts(b, a);

/**
 * Suffixes of `/pacts/provider/{p}/consumer/{c}`: one integration's pact versions (RB PactVersions and
 * PactVersionsForBranch), each with its order and what a DELETE answers (RB: 204 for `versions`, the
 * post-deletion links for a named branch; the Ruby broker's DELETE of the main-branch and `latest` forms
 * deletes every pact of the integration or branch, so those are left out). `/branch` and `/branch/latest` are not Ruby broker routes: they are
 * what `pact-broker get-pacts --consumer` requests for the main branch, and answer what their `/versions` twins do.
 */
const INTEGRATION_COLLECTIONS: [string, SelectionOf, (a: PactRow, b: PactRow) => number, 'no-content' | 'links' | undefined][] = [
  ['/versions', all, newestFirst, 'no-content'],
  ['/branch', mainBranch, comparePacts, undefined],
  ['/branch/versions', mainBranch, comparePacts, undefined],
  ['/branch/latest', mainBranchHeads, comparePacts, undefined],
  ['/branch/latest/versions', mainBranchHeads, comparePacts, undefined],
  ['/branch/:branch', branch, comparePacts, 'links'],
  ['/branch/:branch/latest/versions', branchHeads, comparePacts, undefined],
];

/** One integration's pact collections (`pb:all-pact-versions`, branch versions), read and deleted. */
export function pactVersionsRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  for (const [suffix, selectionOf, order, deletion] of INTEGRATION_COLLECTIONS) {
    const path = `${INTEGRATION}${suffix}`;
    resource(app, path, {
      GET: async (c) => {
        const pacts = await selectedPacts(c, selectionOf);
        const collection = { consumerName: pathParam(c, 'consumer'), providerName: pathParam(c, 'provider'), selfUrl: resourceUrl(c, path) };
        return halJson(decoratePactVersions(collection, pacts.sort(order), c.get('baseUrl')));
      },
      ...(deletion && {
        DELETE: async (c: BrokerContext) => {
          await db.transaction().execute(async (tx) => {
            for (const pact of await selectedPacts(c, selectionOf, tx)) await deletePublications(tx, pact.consumerVersionId, pact.providerId);
          });
          if (deletion === 'no-content') return c.body(null, 204);
          return halJson(await postDeletionBody(db, pathParam(c, 'consumer'), pathParam(c, 'provider'), c.get('baseUrl')));
        },
      }),
    });
  }

  /** The pacts the route selects; 404 when the consumer or provider does not exist (RB `resource_exists?`). */
  async function selectedPacts(c: BrokerContext, selectionOf: SelectionOf, tx: Db = db): Promise<PactRow[]> {
    const consumer = await requireNamedPacticipant(tx, pathParam(c, 'consumer'), 'consumer');
    const provider = await requireNamedPacticipant(tx, pathParam(c, 'provider'), 'provider');
    return findProviderPacts(tx, { providerId: provider.id, consumerId: consumer.id, selection: selectionOf(c) });
  }

  return app;
}
