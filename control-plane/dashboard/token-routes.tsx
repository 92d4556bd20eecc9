import { Hono, type Context } from 'hono';
import { sessionToken } from './admin-session.js';
import { ApiProblem, type ApiClient } from '../api/api-client.js';
import type { TokenScope } from '../tokens/stored-token.js';
import { page } from './dashboard-page.js';
import { setFlash } from './flash.js';
import { Layout } from './layout.js';
import { CreatedTokenPage } from './token-section.js';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * `/tenants/<t>/tokens…` (issue 11): the tenant page's token forms, through the REST API. A created
 * token is answered with a page of its own (not a redirect: its secret must not pass through a cookie).
 */
export function dashboardTokenRoutes({ api }: { api: (c: Context) => ApiClient }): Hono {
  const app = new Hono();
  const tenantPage = (c: Context) => `/tenants/${encodeURIComponent(c.req.param('name') ?? '')}`;

  app.post('/:name/tokens', async (c) => {
    const name = c.req.param('name');
    const form = await c.req.parseBody();
    const expires = String(form.expiresAt ?? '');
    // The form's datetime-local field has no zone; the page says it is UTC.
    const expiresAt = LOCAL_TIME.test(expires) ? `${expires}${expires.length === 16 ? ':00' : ''}Z` : expires || undefined;
    try {
      const created = await api(c).createToken(name, { name: String(form.name ?? ''), scope: String(form.scope ?? '') as TokenScope, ...(expiresAt && { expiresAt }) });
      return page(
        c,
        <Layout title={`Token for ${name}`} signedIn={sessionToken(c) !== undefined}>
          <CreatedTokenPage tenant={name} created={created} />
        </Layout>,
        201,
      );
    } catch (error) {
      return refused(c, error, tenantPage(c));
    }
  });

  app.post('/:name/tokens/:id/revoke', async (c) => {
    try {
      await api(c).revokeToken(c.req.param('name'), c.req.param('id'));
      setFlash(c, { kind: 'success', text: 'Revoked the token: requests with it are refused from now on.' });
    } catch (error) {
      return refused(c, error, tenantPage(c));
    }
    return c.redirect(tenantPage(c), 303);
  });

  return app;
}

/** Back to the tenant page with the API's reason; a missing sign-in or tenant goes to the dashboard's own handler. */
function refused(c: Context, error: unknown, back: string): Response {
  if (!(error instanceof ApiProblem) || error.status === 401 || error.status === 404) throw error;
  setFlash(c, { kind: 'error', text: error.message });
  return c.redirect(back, 303);
}
