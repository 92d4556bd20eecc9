import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { BACKUP_TABLES, BackupDataError, BackupRowError, openStagingLoad, PACT_BROKER_COMPATIBLE_VERSION, type StagingLoad } from '../../broker/index.js';
import { BadRequestError, InvalidBackupError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { RowsDatabase, SqlDumpDatabase, TenantDatabase } from '../runtimes/runtime.js';
import type { TenantRecord } from '../tenants/registry.js';
import type { CreateTenantRequest, TenantService } from '../tenants/tenant-service.js';
import type { BackupManifest } from './backup-manifest.js';
import { readBackup, type BackupLimits } from './backup-reader.js';
import { writeBackup, writeSqlBackup, type BackupOrigin } from './backup-writer.js';

export interface BackupServiceOptions {
  tenants: TenantService;
  platformVersion: string;
  limits: BackupLimits;
  /** Where `pg_dump` output waits to be packed (backups of official-image tenants). */
  spoolDir: string;
  logger: Logger;
  now?: () => Date;
}

/** Backups and restores of tenants (team issue 4, backup and restore: docs/decisions.md#restore): consistent tar streams out, validated and atomic restores in. */
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
          const database = await tenants.databaseOf(tenant);
          try {
            const createdAt = this.now();
            const stream = await this.archiveOf(tenant, database, createdAt);
            started = true;
            resolve(stream);
            await finished(stream);
            await tenants.recordBackup(name, createdAt);
          } finally {
            await database.release?.();
          }
          logger.info('tenant backed up', { tenant: name });
        })
        .catch((error: unknown) => {
          if (!started) return reject(error);
          logger.warn('a backup did not complete (the client went away, or the dump failed)', { tenant: name, error });
        });
    });
  }

  /**
   * Replaces a tenant's data with a backup's. Everything is checked in a staging database first;
   * on any failure the tenant keeps its data. A failed tenant (its data lost) is started afterwards.
   */
  async restore(name: string, archive: Readable): Promise<{ tenant: TenantRecord; manifest: BackupManifest }> {
    const restored = await this.restoreData(name, archive);
    if (restored.tenant.state !== 'failed') return restored;
    return { ...restored, tenant: await this.options.tenants.start(name) };
  }

  private async restoreData(name: string, archive: Readable): Promise<{ tenant: TenantRecord; manifest: BackupManifest }> {
    return this.options.tenants.exclusive(name, 'restore', async (tenant) => {
      const database = await this.options.tenants.databaseOf(tenant);
      const started = Date.now();
      let manifest: BackupManifest;
      try {
        manifest = await this.load(database, archive);
      } finally {
        await database.release?.();
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

  /**
   * Moves a tenant's data to another node (issue 12, item 5): the runtime moves its database, this
   * copies the data with the backup code, through a spool file (a failed restore must not lose them).
   */
  async move(name: string, node: unknown): Promise<TenantRecord> {
    const { tenants, spoolDir } = this.options;
    await mkdir(spoolDir, { recursive: true });
    const spool = path.join(spoolDir, `${name}-move-${randomUUID()}.tar`);
    const withDatabase = async (tenant: TenantRecord, work: (database: TenantDatabase) => Promise<unknown>) => {
      const database = await tenants.databaseOf(tenant);
      try {
        await work(database);
      } finally {
        await database.release?.();
      }
    };
    try {
      return await tenants.move(name, node, (tenant) => ({
        backup: () => withDatabase(tenant, async (database) => pipeline(await this.archiveOf(tenant, database, this.now()), createWriteStream(spool))),
        restore: () => withDatabase(tenant, (database) => this.load(database, createReadStream(spool))),
      }));
    } finally {
      await rm(spool, { force: true });
    }
  }

  /** The tenant's backup as a tar stream: rows for our broker, `pg_dump`'s SQL for the official image. */
  private async archiveOf(tenant: TenantRecord, database: TenantDatabase, createdAt: Date): Promise<Readable> {
    const origin: BackupOrigin = {
      tenant: tenant.name,
      runtime: tenant.runtime,
      // The official image's version is whatever image the tenant runs; ours is the API we reproduce.
      broker: { flavour: database.flavour, version: database.flavour === 'pactsafs' ? PACT_BROKER_COMPATIBLE_VERSION : 'unknown' },
      createdAt: createdAt.toISOString(),
      platformVersion: this.options.platformVersion,
    };
    return database.flavour === 'pactsafs' ? writeBackup(database.url, origin) : await writeSqlBackup(database, origin, this.options.spoolDir);
  }

  /** Checks and loads an archive into staging, then swaps it in: the live data change only when all of it loaded. */
  private async load(database: TenantDatabase, archive: Readable): Promise<BackupManifest> {
    const manifest = database.flavour === 'pactsafs' ? await this.loadRows(database, archive) : await this.loadSql(database, archive);
    await database.swapInStaging().catch(async (error: unknown) => {
      await database.discardStaging().catch(() => {});
      throw error;
    });
    return manifest;
  }

  /** Reads and checks the archive into a fresh staging database; throws (leaving nothing behind) when anything is wrong. */
  private async loadRows(database: RowsDatabase, archive: Readable): Promise<BackupManifest> {
    const staging = await database.prepareStaging();
    let load: StagingLoad | undefined;
    try {
      const manifest = await readBackup(archive, this.options.limits, {
        manifest: async (manifest) => {
          expectFlavour(manifest, database);
          load = await openStagingLoad(staging, manifest.schemaVersion!);
        },
        chunk: (table, ndjson) => load!.loadChunk(table, ndjson),
      });
      await load!.finish((counts) => checkCounts(manifest, counts));
      return manifest;
    } catch (error) {
      await load?.abort().catch(() => {});
      await database.discardStaging().catch(() => {});
      throw backupDataProblem(error);
    }
  }

  /** Loads an official-image backup's SQL into a staging database; throws (dropping it) when anything is wrong. */
  private async loadSql(database: SqlDumpDatabase, archive: Readable): Promise<BackupManifest> {
    try {
      return await readBackup(archive, this.options.limits, {
        manifest: async (manifest) => {
          expectFlavour(manifest, database);
          await database.prepareStaging();
        },
        sql: (input) => database.loadSql(input),
      });
    } catch (error) {
      await database.discardStaging().catch(() => {});
      throw error;
    }
  }
}

/** Rows restore only into our broker and SQL dumps only into the official image: the schemas differ. */
function expectFlavour(manifest: BackupManifest, database: TenantDatabase): void {
  if (manifest.broker.flavour === database.flavour) return;
  throw new InvalidBackupError(
    manifest.broker.flavour === 'official'
      ? "It holds the official broker image's database (a pg_dump); it restores only into a tenant that runs the official image."
      : "It holds our broker's data, and this tenant runs the official broker image, whose database has another schema. Restore it into an embedded tenant or a docker tenant on our broker image.",
  );
}

/** Rows of the wrong types are a bad request (issue 11); other data problems mean a damaged or foreign archive. */
function backupDataProblem(error: unknown): unknown {
  if (error instanceof BackupRowError) return new BadRequestError(`The backup was not restored. ${error.message}`, { cause: error });
  return error instanceof BackupDataError ? new InvalidBackupError(error.message, { cause: error }) : error;
}

function checkCounts(manifest: BackupManifest, loaded: Record<string, number>): void {
  for (const table of BACKUP_TABLES) {
    const expected = manifest.counts[table] ?? 0;
    if (loaded[table] !== expected) {
      throw new InvalidBackupError(`Its manifest counts ${expected} rows of "${table}" but the archive holds ${loaded[table]}: it is incomplete.`);
    }
  }
}
