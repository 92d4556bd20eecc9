import { Hono } from 'hono';
import { NotFoundError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { adminToken } from './admin-token.js';
import { problemResponse } from './problem-responses.js';
import { tenantRoutes, type TenantUrls } from './tenant-routes.js';

export interface ControlPlaneOptions {
  service: TenantService;
  urlsFor: (name: string) => TenantUrls;
  adminToken: string | undefined;
  logger: Logger;
  version: string;
}

/** The control plane's HTTP app: REST under /api, served on the control host. */
export function createControlPlaneApp(options: ControlPlaneOptions): Hono {
  const { service, logger } = options;
  const app = new Hono();
  app.onError((error, c) => problemResponse(error, c, logger));
  app.notFound((c) => problemResponse(new NotFoundError(`There is nothing at ${c.req.method} ${c.req.path}.`), c, logger));

  app.use('/api/*', adminToken(options.adminToken));
  app.get('/api/health', (c) => c.json({ status: 'ok', version: options.version, tenants: service.list().length }));
  app.route('/api/tenants', tenantRoutes(service, options.urlsFor));
  app.get('/api/orphans', async (c) => c.json({ orphans: await service.orphans() }));

  app.get('/', (c) =>
    c.json({
      name: 'Pact Broker SafS',
      version: options.version,
      tenants: service.list().map((tenant) => ({ name: tenant.name, state: tenant.state, url: options.urlsFor(tenant.name).host })),
      _links: { tenants: { href: '/api/tenants' }, health: { href: '/api/health' } },
    }),
  );
  return app;
}
