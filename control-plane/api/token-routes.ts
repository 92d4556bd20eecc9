import { Hono } from 'hono';
import { tenantApiPath } from '../../shared/tenant-name.js';
import { parseTokenRequest } from '../tokens/token-request.js';
import type { TokenStore } from '../tokens/token-store.js';
import { jsonObject } from './request-schemas.js';

/** `/api/tenants/<t>/tokens` (issue 11): a tenant's CI tokens; the secret is shown once, in the create answer. */
export function tokenRoutes(tokens: TokenStore, now: () => Date = () => new Date()): Hono {
  const app = new Hono();
  app.get('/:name/tokens', (c) => c.json({ tokens: tokens.list(c.req.param('name')) }));
  app.post('/:name/tokens', async (c) => {
    const name = c.req.param('name');
    tokens.list(name); // an unknown tenant is 404 before its body is judged
    const request = parseTokenRequest(jsonObject(c.req.header('Content-Type'), await c.req.text()), now());
    const created = await tokens.create(name, request);
    c.header('Location', tenantApiPath(name, `/tokens/${created.id}`));
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  });
  app.delete('/:name/tokens/:id', async (c) => {
    await tokens.revoke(c.req.param('name'), c.req.param('id'));
    return c.body(null, 204);
  });
  return app;
}
