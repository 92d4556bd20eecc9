import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { HAL_JSON, halJson, pathParam, type BrokerContext, type BrokerEnv, generateErrorReference, HttpError, requestedPage, resource } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { prefersText } from '../webhooks/index.js';
import { decorateDashboard } from './dashboard-decorator.js';
import type { DashboardScope } from './dashboard-repository.js';
import { DASHBOARD_DEFAULT_PAGE, findDashboardItems } from './dashboard-service.js';
import { dashboardText } from './dashboard-text.js';

/** `GET /dashboard` and `/dashboard/provider/{p}/consumer/{c}` (RB `dashboard.rb`): HAL, or a text table for text/plain. */
export function dashboardRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/dashboard', { GET: (c) => answer(c, {}) });
  resource(app, '/dashboard/provider/:provider/consumer/:consumer', {
    GET: async (c) => answer(c, { consumerId: await pacticipantId(db, pathParam(c, 'consumer')), providerId: await pacticipantId(db, pathParam(c, 'provider')) }),
  });

  async function answer(c: BrokerContext, scope: DashboardScope): Promise<Response> {
    const items = await findDashboardItems(db, scope, requestedPage((name) => c.req.query(name)) ?? DASHBOARD_DEFAULT_PAGE);
    if (prefersText(c.req.header('accept'), false)) return c.body(dashboardText(items), 200, { 'content-type': 'text/plain;charset=utf-8' });
    return halJson(decorateDashboard(items, c.get('baseUrl')));
  }

  return app;
}

/**
 * The pacticipant's id. One that does not exist is a 500 in the Ruby broker, whose message it shows
 * (`index/service.rb#base_query` raises PactBroker::Error from `find_by_name!`, which is not hidden).
 */
async function pacticipantId(db: Db, name: string): Promise<number> {
  const pacticipant = await findPacticipantByName(db, name);
  if (pacticipant) return pacticipant.id;
  const body = { error: { message: `No pacticipant found with name '${name}'`, reference: generateErrorReference() } };
  throw new HttpError(500, { kind: 'body', body, contentType: HAL_JSON });
}
