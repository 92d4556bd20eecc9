import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { BACKUP_TABLES } from '../../broker/backup/backup-tables.js';
import { BackupDataError, DatabaseLoader } from '../../broker/backup/load-database.js';
import { openDatabase } from '../../broker/db/database.js';
import { migrateUpTo } from '../../broker/db/migrations.js';
import { PACT_BROKER_COMPATIBLE_VERSION } from '../../broker/http/broker-version.js';
import { ConflictError, InvalidBackupError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { TenantDatabase } from '../runtimes/runtime.js';
import type { TenantRecord } from '../tenants/registry.js';
import type { CreateTenantRequest, TenantService } from '../tenants/tenant-service.js';
import type { BackupManifest } from './backup-manifest.js';
import { readBackup, type BackupLimits } from './backup-reader.js';
import { writeBackup } from './backup-writer.js';

export interface BackupServiceOptions {
  tenants: TenantService;
  platformVersion: string;
  limits: BackupLimits;
  logger: Logger;
  now?: () => Date;
}

/** Backups and restores of tenants (issue #4): consistent tar streams out, validated and atomic restores in. */
export class BackupService {
  private readonly now: () => Date;

  constructor(private readonly options: BackupServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Starts the tenant's backup and answers its tar stream. The tenant keeps serving; its lock is
   * held until the stream has been read to the end, which is when `lastBackupAt` is recorded.
   */
  backup(name: string): Promise<Readable> {
    const { tenants, logger } = this.options;
    return new Promise<Readable>((resolve, reject) => {
      let started = false;
      tenants
        .exclusive(name, 'backup', async (tenant) => {
          const database = await this.ourDatabase(tenant);
          const createdAt = this.now();
          const stream = writeBackup(() => openDatabase(database.url), {
            tenant: tenant.name,
            runtime: tenant.runtime,
            broker: { flavour: database.flavour, version: PACT_BROKER_COMPATIBLE_VERSION },
            createdAt: createdAt.toISOString(),
            platformVersion: this.options.platformVersion,
          });
          started = true;
          resolve(stream);
          await finished(stream);
          await tenants.recordBackup(name, createdAt);
          logger.info('tenant backed up', { tenant: name });
        })
        .catch((error: unknown) => {
          if (!started) return reject(error);
          logger.warn('a backup did not complete (the client went away, or the dump failed)', { tenant: name, error });
        });
    });
  }

  /** Replaces a tenant's data with a backup's. Everything is checked in a staging database first; on any failure the tenant keeps its data. */
  async restore(name: string, archive: Readable): Promise<{ tenant: TenantRecord; manifest: BackupManifest }> {
    return this.options.tenants.exclusive(name, 'restore', async (tenant) => {
      const database = await this.ourDatabase(tenant);
      const started = Date.now();
      const manifest = await this.loadStaging(database, archive);
      try {
        await database.swapInStaging();
      } catch (error) {
        await database.discardStaging().catch(() => {});
        throw error;
      }
      this.options.logger.info('tenant restored', { tenant: name, from: manifest.tenant, backupCreatedAt: manifest.createdAt, ms: Date.now() - started });
      return { tenant, manifest };
    });
  }

  /** Creates a tenant and restores a backup into it; when the backup is refused the new tenant is removed again. */
  async createFromBackup(request: CreateTenantRequest, archive: Readable): Promise<{ tenant: TenantRecord; manifest: BackupManifest }> {
    const { tenants } = this.options;
    const { tenant, completion } = await tenants.create(request);
    await completion;
    try {
      return await this.restore(tenant.name, archive);
    } catch (error) {
      await tenants.remove(tenant.name).catch((removal: unknown) => this.options.logger.error('could not remove the tenant of a failed restore', { tenant: tenant.name, error: removal }));
      throw error;
    }
  }

  private async ourDatabase(tenant: TenantRecord): Promise<TenantDatabase> {
    const database = await this.options.tenants.databaseOf(tenant);
    if (database.flavour !== 'pactsafs') {
      throw new ConflictError(
        `Tenant "${tenant.name}" runs the official broker image; backing up and restoring its database (pg_dump) is not supported yet. ` +
          'Tenants on our broker image (PACTSAFS_BROKER_IMAGE=pactsafs/broker:local) and embedded tenants can be backed up.',
      );
    }
    return database;
  }

  /** Reads and checks the archive into a fresh staging database; throws (leaving nothing behind) when anything is wrong. */
  private async loadStaging(database: TenantDatabase, archive: Readable): Promise<BackupManifest> {
    const { url, schema } = await database.prepareStaging();
    const staging = openDatabase(url, { schema, maxConnections: 1 });
    try {
      let loader: DatabaseLoader | undefined;
      const manifest = await readBackup(archive, this.options.limits, {
        manifest: async ({ schemaVersion }) => {
          await migrateUpTo(staging, schemaVersion, schema);
          loader = await DatabaseLoader.open(staging, schema);
        },
        chunk: (table, ndjson) => loader!.loadChunk(table, ndjson),
      });
      await loader!.finish();
      checkCounts(manifest, loader!.counts());
      await migrateUpTo(staging, undefined, schema);
      await staging.destroy();
      return manifest;
    } catch (error) {
      await staging.destroy().catch(() => {});
      await database.discardStaging().catch(() => {});
      throw error instanceof BackupDataError ? new InvalidBackupError(error.message, { cause: error }) : error;
    }
  }
}

function checkCounts(manifest: BackupManifest, loaded: Record<string, number>): void {
  for (const table of BACKUP_TABLES) {
    const expected = manifest.counts[table] ?? 0;
    if (loaded[table] !== expected) {
      throw new InvalidBackupError(`Its manifest counts ${expected} rows of "${table}" but the archive holds ${loaded[table]}: it is incomplete.`);
    }
  }
}
