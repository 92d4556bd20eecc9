import { Hono } from 'hono';
import type { CleanPlanRequest } from '../clean/clean-request.js';
import { parseCleanRequest } from '../clean/clean-request.js';
import type { CleanService } from '../clean/clean-service.js';
import { jsonObject } from './request-schemas.js';

/**
 * `POST /api/tenants/<t>/clean` (team issue 14): the Ruby broker's clean, which it does not expose
 * over HTTP, behind the platform's admin token; `{"dryRun": true}` shows what would go first.
 */
export function cleanRoutes(cleans: CleanService, defaults: () => Omit<CleanPlanRequest, 'dryRun'>): Hono {
  const app = new Hono();
  app.post('/:name/clean', async (c) => {
    const text = await c.req.text();
    const body = text.trim() === '' ? {} : jsonObject(c.req.header('Content-Type'), text);
    return c.json(await cleans.clean(c.req.param('name'), parseCleanRequest(body, defaults())));
  });
  return app;
}
