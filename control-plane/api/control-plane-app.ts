import { statfs } from 'node:fs/promises';
import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { NotFoundError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { RequestCount } from '../../shared/request-counts.js';
import type { AuditLog } from '../audit/audit-log.js';
import { auditTrail, type AuditCaller } from '../audit/audit-trail.js';
import type { BackupService } from '../backup/backup-service.js';
import type { BackupStore } from '../backup/backup-store.js';
import { cleanDefaults } from '../clean/clean-request.js';
import { CleanService } from '../clean/clean-service.js';
import type { CleanSettings } from '../../shared/clean/clean-settings.js';
import { dashboardRoutes } from '../dashboard/dashboard-routes.js';
import { brokerAuthHeaders } from '../tenants/tenant-auth.js';
import type { TenantService } from '../tenants/tenant-service.js';
import type { TokenStore } from '../tokens/token-store.js';
import { adminToken, adminTokenCheck } from './admin-token.js';
import { auditRoutes } from './audit-routes.js';
import { backupRoutes } from './backup-routes.js';
import { cleanRoutes } from './clean-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { problemResponse } from './problem-responses.js';
import { apiRequestBodies } from './request-bodies.js';
import { refuseForeignOrigins } from './request-origin.js';
import type { ApiIndex, Health, TenantUrls } from './contract.js';
import { tenantResource, tenantRoutes } from './tenant-routes.js';
import { tokenRoutes } from './token-routes.js';

export interface ControlPlaneOptions {
  service: TenantService;
  urlsFor: (name: string) => TenantUrls;
  adminToken: string | undefined;
  logger: Logger;
  version: string;
  /** The data dir, whose free space /api/health reports. */
  dataDir: string;
  /** The gateway's request counts, for GET /metrics (main.ts hands them in). */
  requestCounts: () => RequestCount[];
  backups: BackupService;
  /** Scheduled backups on disk, listed per tenant. */
  backupStore: BackupStore;
  /** The control host names (shared/control-hosts.ts): pages there may change state, other sites' may not. */
  controlHosts: ReadonlySet<string>;
  /** PACTSAFS_PUBLIC_URL, whose origin counts as the control host's too. */
  publicUrl?: URL | undefined;
  /** Tenants' CI tokens (issue 11), also checked by the gateway. */
  tokens: TokenStore;
  /** Where state-changing calls are recorded (issue 11). */
  audit: AuditLog;
  /** PACTSAFS_CLEAN_*: what `POST /api/tenants/<t>/clean` keeps unless told (team issue 14); default the Ruby broker's. */
  clean?: CleanSettings;
}

/** The control plane's HTTP app: REST under /api and the web dashboard at /, served on the control host. */
export function createControlPlaneApp(options: ControlPlaneOptions): Hono {
  const { service, logger } = options;
  const app = new Hono();
  app.onError((error, c) => problemResponse(error, c, logger));
  app.notFound((c) => problemResponse(new NotFoundError(`There is nothing at ${c.req.method} ${c.req.path}.`), c, logger));

  const audit = auditTrail(options.audit, options.adminToken !== undefined);
  app.use('/api/*', audit.record);
  app.use('/api/*', adminToken(options.adminToken));
  app.use('/api/*', audit.admitted);
  // In every mode, admin token or not (issue 11): no other site's page, no form or text body, no JSON over 1 MiB.
  const origins = { hosts: options.controlHosts, publicUrl: options.publicUrl };
  app.use('/api/*', refuseForeignOrigins(origins));
  app.use('/api/*', apiRequestBodies());
  app.use('/metrics', adminToken(options.adminToken));
  app.route('/', metricsRoutes(service, options.version, options.requestCounts));
  app.get('/api/health', async (c) => {
    const runtimes = service.runtimes();
    // Free space where tenants' data and backups live, as the platform sees it (the CLI may run elsewhere).
    const disk = await statfs(options.dataDir).then((stats) => stats.bavail * stats.bsize, () => null);
    return c.json({
      status: 'ok',
      version: options.version,
      tenants: service.list().length,
      runtimes: runtimes.available,
      defaultRuntime: runtimes.default,
      dataDir: options.dataDir,
      dataDirFreeBytes: disk,
    } satisfies Health);
  });
  app.route('/api/tenants', tenantRoutes(service, options.urlsFor, options.backups));
  app.route('/api/tenants', backupRoutes(options.backups, options.backupStore, (name) => tenantResource(service.get(name), options.urlsFor(name))));
  app.route('/api/tenants', tokenRoutes(options.tokens));
  app.route('/api/tenants', cleanRoutes(new CleanService({ tenants: service, logger }), () => cleanDefaults(options.clean)));
  app.route('/api/audit', auditRoutes(options.audit));
  app.get('/api/orphans', async (c) => c.json({ orphans: await service.orphans() }));

  // Browsers (Accept: text/html) get the dashboard; API clients, curl's */* included, the JSON index,
  // which names every tenant: behind the admin token like /api (issue 11, defect 5).
  const checkAdminToken = adminTokenCheck(options.adminToken);
  app.get('/', async (c, next) => {
    if (accepts(c, { header: 'Accept', supports: ['application/json', 'text/html'], default: 'application/json' }) === 'text/html') {
      return next();
    }
    checkAdminToken(c);
    return c.json({
      name: 'Pact Broker SafS',
      version: options.version,
      tenants: service.list().map((tenant) => ({ name: tenant.name, state: tenant.state, url: options.urlsFor(tenant.name).host })),
      _links: { tenants: { href: '/api/tenants' }, health: { href: '/api/health' } },
    } satisfies ApiIndex);
  });
  // The dashboard is a client of the API above, called in-process, so the same admin-token rule applies.
  app.route(
    '/',
    dashboardRoutes({
      // Marked as the dashboard's own calls for the audit log: an env no outside request can carry.
      api: async (path, init) => app.request(path, init, { actor: 'dashboard' } satisfies AuditCaller),
      authHeadersFor: (name) => brokerAuthHeaders(service.find(name)),
      origins,
    }),
  );
  return app;
}
