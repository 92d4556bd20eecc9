import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isStateChanging, requestOrigin, type ControlOrigins } from '../api/request-origin.js';
import { AdminSessions, sessionToken } from './admin-session.js';
import { dashboardAuditRoutes } from './audit-page.js';
import { brokerFacts, type GatewayFetch } from './broker-facts.js';
import { ApiClient, ApiProblem, type ApiFetch } from '../api/api-client.js';
import { apiFor, gatewayBase, page } from './dashboard-page.js';
import { setFlash, takeFlash } from './flash.js';
import { Layout } from './layout.js';
import { ProblemPage, SignInPage } from './small-pages.js';
import { tenantActionRoutes } from './tenant-action-routes.js';
import { TenantPage } from './tenant-page.js';
import { dashboardTokenRoutes } from './token-routes.js';
import { CreateTenantForm, ROWS_PATH, TenantRows, TenantTable } from './tenant-table.js';
import { isTransient } from './tenant-view.js';
import { tenantPathPrefix } from '../../shared/tenant-address.js';

export interface DashboardOptions {
  /** The control plane's REST API, called in-process. */
  api: ApiFetch;
  /** Loopback requests to tenants through the gateway (heartbeat, counts); `fetch` by default. */
  fetchGateway?: GatewayFetch;
  /** The credentials those requests carry for a tenant with basic auth. */
  authHeadersFor?: (name: string) => Record<string, string>;
  /** Where the dashboard's own pages are: only they may post its forms. */
  origins: ControlOrigins;
}

const LOG_LINES = 50;

/**
 * The web dashboard (issue 7), served at `/` of the control host: server-rendered pages whose
 * every action is a plain form (post, then redirect with a flash message) that calls the REST API.
 */
export function dashboardRoutes(options: DashboardOptions): Hono {
  const fetchGateway = options.fetchGateway ?? ((url, init) => fetch(url, init));
  const api = (c: Context) => apiFor(c, options.api);
  const sessions = new AdminSessions();
  const app = new Hono();
  app.use('*', sessions.load);
  // Every path the dashboard posts to; the API's own paths have their checks (request-origin.ts).
  for (const path of ['/tenants', '/tenants/*', '/sign-in', '/sign-out']) app.use(path, sameOriginOnly(options.origins));

  app.onError((error, c) => {
    if (error instanceof ApiProblem && error.status === 401) return signInPage(c, sessions);
    if (error instanceof ApiProblem) {
      const heading = error.status === 404 ? 'Not found' : error.status >= 500 ? 'Something went wrong' : 'The platform refused';
      return page(
        c,
        <Layout title={heading} signedIn={sessionToken(c) !== undefined}>
          <ProblemPage heading={heading} detail={error.message} />
        </Layout>,
        (error.status >= 400 && error.status <= 599 ? error.status : 502) as ContentfulStatusCode,
      );
    }
    if (error instanceof HTTPException && error.status === 403) {
      const detail = 'This form was sent from another site, so it was not carried out. Use the dashboard itself.';
      return page(c, <Layout title="Refused"><ProblemPage heading="Refused" detail={detail} /></Layout>, 403);
    }
    throw error; // the control plane's own handler logs it once and answers with a reference
  });

  app.get('/', async (c) => {
    const [{ tenants }, health] = await Promise.all([api(c).listTenants(), api(c).health()]);
    const runtimes = { available: health.runtimes, default: health.defaultRuntime };
    const refresh = tenants.some(isTransient) ? 'without-script' : undefined;
    return page(
      c,
      <Layout title="Tenants" flash={takeFlash(c)} signedIn={sessionToken(c) !== undefined} refresh={refresh}>
        <TenantTable tenants={tenants} />
        <CreateTenantForm runtimes={runtimes} />
      </Layout>,
    );
  });

  // The rows alone, for the page's script while an operation runs.
  app.get(ROWS_PATH, async (c) => {
    try {
      const { tenants } = await api(c).listTenants();
      c.header('Cache-Control', 'no-store');
      return c.html(<TenantRows tenants={tenants} />);
    } catch (error) {
      if (error instanceof ApiProblem) return c.body(null, error.status === 401 ? 401 : 502);
      throw error;
    }
  });

  app.get('/tenants/:name', async (c) => {
    const client = api(c);
    const tenant = await client.getTenant(c.req.param('name'));
    const [facts, logs, tokens] = await Promise.all([
      tenant.state === 'running' ? brokerFacts(fetchGateway, `${gatewayBase(c)}${tenantPathPrefix(tenant.name)}`, options.authHeadersFor?.(tenant.name)) : undefined,
      client.logs(tenant.name, { tail: LOG_LINES }).then(
        async (answer) => ({ text: await answer.text() }),
        (error: unknown) => ({ problem: error instanceof ApiProblem ? error.message : 'The log could not be read.' }),
      ),
      client.listTokens(tenant.name).then(({ tokens }) => tokens, (error: unknown) => ({ problem: error instanceof ApiProblem ? error.message : 'The tokens could not be read.' })),
    ]);
    return page(
      c,
      <Layout title={tenant.name} flash={takeFlash(c)} signedIn={sessionToken(c) !== undefined} refresh={isTransient(tenant) ? 'always' : undefined}>
        <TenantPage tenant={tenant} facts={facts} logs={logs} tokens={tokens} />
      </Layout>,
    );
  });

  app.route('/tenants', tenantActionRoutes({ api }));
  app.route('/tenants', dashboardTokenRoutes({ api }));
  app.route('/', dashboardAuditRoutes({ api }));

  app.post('/sign-in', async (c) => {
    const token = String((await c.req.parseBody()).token ?? '').trim();
    try {
      // Any call that needs the token tells whether the platform accepts it.
      await new ApiClient({ fetch: options.api, baseUrl: '', token }).health();
      sessions.start(c, token);
      setFlash(c, { kind: 'success', text: 'Signed in.' });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setFlash(c, { kind: 'error', text: error.status === 401 ? 'The platform refused that admin token.' : error.message });
    }
    return c.redirect('/', 303);
  });

  app.post('/sign-out', (c) => {
    sessions.end(c);
    setFlash(c, { kind: 'success', text: 'Signed out.' });
    return c.redirect('/', 303);
  });

  return app;
}

/**
 * Refuses every state-changing request unless the browser says it comes from a dashboard page, by
 * Origin or Sec-Fetch-Site (browsers send one of them on every POST), whatever its content type:
 * a JSON post carries the session cookie as well as a form does (issue 11).
 */
function sameOriginOnly(origins: ControlOrigins): MiddlewareHandler {
  return async function refuseOtherOrigins(c, next) {
    if (isStateChanging(c) && requestOrigin(c, origins) !== 'same-origin') throw new HTTPException(403);
    await next();
  };
}

/** Answers 401 with the sign-in form; a session whose token the API refused is ended. */
function signInPage(c: Context, sessions: AdminSessions): Response | Promise<Response> {
  let flash = takeFlash(c);
  if (sessionToken(c) !== undefined) {
    sessions.end(c);
    flash = { kind: 'error', text: 'The platform refused the saved admin token (was it changed?). Sign in again.' };
  }
  return page(
    c,
    <Layout title="Sign in" flash={flash}>
      <SignInPage />
    </Layout>,
    401,
  );
}
