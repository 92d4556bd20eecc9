import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { DEFAULT_MAX_BODY_BYTES } from '../../shared/broker-config.js';
import { BadRequestError } from '../../shared/errors.js';
import { tenantApiPath } from '../../shared/tenant-name.js';
import type { BackupService } from '../backup/backup-service.js';
import type { TenantRecord } from '../tenants/registry.js';
import { basicAuthView } from '../tenants/tenant-auth.js';
import { idleAfterView } from '../tenants/idle-setting.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../tenants/webhook-settings.js';
import { archiveBody, restoredFrom } from './backup-routes.js';
import type { TenantList, TenantResource, TenantUrls } from './contract.js';
import { bodyOf, CONFIGURE_TENANT, CREATE_TENANT, MOVE_TENANT, UPGRADE_TENANT } from './request-schemas.js';

/** The tenant resource of the REST API (docs/decisions.md#settled-details). */
export function tenantResource(tenant: TenantRecord, urls: TenantUrls): TenantResource {
  const webhooks = tenant.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
  return {
    name: tenant.name,
    state: tenant.state,
    runtime: tenant.runtime,
    url: urls.host,
    urls,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt,
    lastBackupAt: tenant.lastBackupAt,
    reason: tenant.reason,
    webhookHostWhitelist: webhooks.hostWhitelist,
    webhookSchemeWhitelist: webhooks.schemeWhitelist,
    maxBodyBytes: tenant.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    // A requireAuth tenant's broker user is the platform's own (issue 11): not shown as if someone had chosen it.
    basicAuth: tenant.requireAuth ? null : basicAuthView(tenant.basicAuth),
    requireAuth: tenant.requireAuth === true,
    // Issue 13: its own idle time before it sleeps ("15m", "off"), or null for the platform's PACTSAFS_IDLE_AFTER.
    idleAfter: idleAfterView(tenant.idleAfterMs),
    // Issue 12: where a swarm tenant runs, and on what.
    ...(tenant.runtime === 'swarm' && { brokerReplicas: tenant.brokerReplicas ?? 1, brokerImage: tenant.brokerImage ?? null, node: tenant.node ?? null }),
  };
}

/** `/api/tenants`: create (also from a backup), list, show, stop, start, upgrade, move and remove tenants. */
export function tenantRoutes(service: TenantService, urlsFor: (name: string) => TenantUrls, backups: BackupService): Hono {
  // An operation under way (a move, a backup …) is shown while it runs (issue 12).
  const view = (tenant: TenantRecord) => {
    const operation = service.operationOf(tenant.name);
    return { ...tenantResource(tenant, urlsFor(tenant.name)), ...(operation && { operation }) };
  };
  const app = new Hono();

  // Reads of tenants carry the size of their data (the other answers skip it: it costs a query for docker tenants).
  const viewWithSize = async (tenant: TenantRecord) => ({ ...view(tenant), dataSizeBytes: await service.dataSize(tenant) });
  app.get('/', async (c) => c.json({ tenants: await Promise.all(service.list().map(viewWithSize)) } satisfies TenantList));

  app.post('/', async (c) => {
    const restoreFrom = c.req.query('restoreFrom');
    if (restoreFrom !== undefined) {
      if (restoreFrom !== 'upload') throw new BadRequestError(`"restoreFrom" must be "upload" (the backup tar is the request body), not "${restoreFrom}".`);
      const { tenant, manifest } = await backups.createFromBackup({ name: c.req.query('name'), runtime: c.req.query('runtime') }, archiveBody(c));
      c.header('Location', tenantApiPath(tenant.name));
      return c.json({ ...view(tenant), restoredFrom: restoredFrom(manifest) }, 201);
    }
    const { tenant, completion } = await service.create(await bodyOf(c, CREATE_TENANT));
    c.header('Location', tenantApiPath(tenant.name));
    if (c.req.query('wait') === 'false') {
      completion.catch(() => {}); // the outcome is recorded on the tenant (state and reason)
      return c.json(view(tenant), 202);
    }
    return c.json(view(await completion), 201);
  });

  app.get('/:name', async (c) => c.json(await viewWithSize(service.get(c.req.param('name')))));
  app.patch('/:name', async (c) => {
    return c.json(view(await service.configure(c.req.param('name'), await bodyOf(c, CONFIGURE_TENANT))));
  });
  app.post('/:name/stop', async (c) => c.json(view(await service.stop(c.req.param('name')))));
  app.post('/:name/start', async (c) => c.json(view(await service.start(c.req.param('name')))));
  // Issue 12: a new broker image, rolled out start-first (swarm tenants).
  app.post('/:name/upgrade', async (c) => {
    const { image } = await bodyOf(c, UPGRADE_TENANT);
    return c.json(view(await service.upgrade(c.req.param('name'), image)));
  });
  // Issue 12, item 5: a swarm tenant's data to another node (backup, a new database there, restore, switch).
  app.post('/:name/move', async (c) => {
    const { node } = await bodyOf(c, MOVE_TENANT);
    return c.json(view(await backups.move(c.req.param('name'), node)));
  });
  app.get('/:name/logs', async (c) => {
    const role = c.req.query('role') ?? 'broker';
    if (role !== 'broker' && role !== 'db') throw new BadRequestError(`The log role must be "broker" or "db", not "${role}".`);
    const tail = Number(c.req.query('tail') || 200);
    if (!Number.isInteger(tail) || tail < 0) throw new BadRequestError('"tail" must be a whole number of lines, for example ?tail=100.');
    const logs = await service.logs(c.req.param('name'), { role, tail, follow: c.req.query('follow') === 'true' });
    const body = Readable.toWeb(Readable.from(logs)) as ReadableStream;
    return c.body(body, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  });

  app.delete('/:name', async (c) => {
    await service.remove(c.req.param('name'), { keepData: c.req.query('keepData') === 'true' });
    return c.body(null, 204);
  });

  return app;
}
