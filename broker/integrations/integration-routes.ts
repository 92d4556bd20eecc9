import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, orNotFound, pageOf, requestedPage, resource } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { deleteAllIntegrations, deleteIntegration } from './integration-deletion.js';
import { listIntegrations, listIntegrationsOf, listPairsWithPacts } from './integration-repository.js';
import { decorateIntegrations, integrationsDot } from './integrations-decorator.js';
import { chooseMediaType } from './media-type-choice.js';
import { integrationsConnectedTo, relationshipsCsv } from './relationships-csv.js';

const CSV = 'text/csv;charset=utf-8';

/** Integrations, relationships and groups (issue 14): RB `integrations.rb`, `integration.rb`, `relationships.rb`, `group.rb`. */
export function integrationRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/integrations', {
    GET: (c) => integrations(db, c),
    DELETE: async (c) => {
      await deleteAllIntegrations(db);
      return c.body(null, 204);
    },
  });
  // RB `integration.rb` allows only DELETE (and OPTIONS): a GET answers 405.
  resource(app, '/integrations/provider/:provider/consumer/:consumer', {
    DELETE: async (c) => {
      const consumer = orNotFound(await findPacticipantByName(db, pathParam(c, 'consumer')));
      const provider = orNotFound(await findPacticipantByName(db, pathParam(c, 'provider')));
      await deleteIntegration(db, consumer, provider);
      return c.body(null, 204);
    },
  });
  resource(app, '/relationships', {
    GET: async (c) => c.body(relationshipsCsv(await listPairsWithPacts(db)), 200, { 'content-type': CSV }),
  });
  resource(app, '/groups/:pacticipant', {
    GET: async (c) => {
      const pacticipant = orNotFound(await findPacticipantByName(db, pathParam(c, 'pacticipant')));
      const max = c.req.query('maxPacticipants');
      const connected = await integrationsConnectedTo(pacticipant.id, max && /^\d+$/.test(max) ? Number(max) : undefined, (ids) => listIntegrationsOf(db, ids));
      return c.body(relationshipsCsv(connected), 200, { 'content-type': CSV });
    },
  });
  return app;
}

/**
 * `GET /integrations`: the dot graph first, as RB `integrations.rb` lists it (so no Accept header, or a
 * bare wildcard, gets the graph), HAL for `application/hal+json`; webmachine would answer 406 to an Accept
 * naming neither, we answer HAL. `q` filters by pacticipant name; `page`/`size` page both forms.
 */
async function integrations(db: Db, c: BrokerContext): Promise<Response> {
  const request = requestedPage((name) => c.req.query(name));
  const all = await listIntegrations(db, c.req.query('q'));
  const page = request && pageOf(all, request);
  const shown = page?.items ?? all;
  if (chooseMediaType(c.req.header('accept'), ['text/vnd.graphviz', 'application/hal+json'] as const) === 'text/vnd.graphviz') {
    return c.body(integrationsDot(shown), 200, { 'content-type': 'text/vnd.graphviz;charset=utf-8' });
  }
  return halJson(decorateIntegrations(shown, c.get('baseUrl'), page));
}
