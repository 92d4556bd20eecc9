import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { BadRequestError, UnsupportedMediaTypeError } from '../../shared/errors.js';
import { tenantApiPath } from '../../shared/tenant-name.js';
import type { BackupService } from '../backup/backup-service.js';
import type { BackupStore } from '../backup/backup-store.js';
import type { BackupList, RestoredFrom } from './contract.js';
import { isArchiveMediaType, mediaTypeOf } from './media-types.js';

/** `/api/tenants/:name/backup`, `/restore` and `/backups`: backups out, restores in (team issue 4, backup and restore: docs/decisions.md#restore). */
export function backupRoutes(backups: BackupService, store: BackupStore, view: (name: string) => object): Hono {
  const app = new Hono();

  app.get('/:name/backup', async (c) => {
    const name = c.req.param('name');
    const stream = await backups.backup(name);
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, tarHeaders(`${name}-data.tar`));
  });

  app.post('/:name/restore', async (c) => {
    const { tenant, manifest } = await backups.restore(c.req.param('name'), archiveBody(c));
    return c.json({ ...view(tenant.name), restoredFrom: restoredFrom(manifest) });
  });

  app.get('/:name/backups', async (c) => {
    const name = c.req.param('name');
    view(name); // 404 for an unknown tenant
    const stored = await store.list(name);
    return c.json({ backups: stored.map((backup) => ({ ...backup, href: tenantApiPath(name, `/backups/${backup.file}`) })) } satisfies BackupList);
  });

  app.get('/:name/backups/:file', async (c) => {
    const file = await store.pathOf(c.req.param('name'), c.req.param('file'));
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream, 200, tarHeaders(c.req.param('file')));
  });

  return app;
}

/** The request body as a stream of the uploaded tar, after checking it is sent as one. */
export function archiveBody(c: Context): Readable {
  const header = c.req.header('Content-Type');
  if (!isArchiveMediaType(mediaTypeOf(header))) {
    throw new UnsupportedMediaTypeError(`Send the backup tar itself as the request body, with "Content-Type: application/x-tar" (got ${header ?? 'no Content-Type'}).`);
  }
  const body = c.req.raw.body;
  if (!body) throw new BadRequestError('The request body is empty; send the backup tar as the body.');
  return Readable.fromWeb(body as import('node:stream/web').ReadableStream);
}

/** Which backup a restore put in place, as the restore answers it. */
export function restoredFrom(manifest: { tenant: string; createdAt: string; counts: Record<string, number> }): RestoredFrom {
  return { tenant: manifest.tenant, createdAt: manifest.createdAt, counts: manifest.counts };
}

function tarHeaders(filename: string): Record<string, string> {
  return { 'Content-Type': 'application/x-tar', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' };
}
