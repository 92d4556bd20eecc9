import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../../shared/errors.js';

export interface StoredBackup {
  file: string;
  createdAt: string;
  sizeBytes: number;
}

const BACKUP_FILE = /^[a-z0-9-]+-\d{8}T\d{6}\d{3}Z\.tar$/;

/** Backups kept under `<data dir>/backups/<tenant>/` (scheduled ones), newest `keep` per tenant. */
export class BackupStore {
  constructor(
    private readonly dir: string,
    private readonly keep: number,
  ) {}

  /** Writes a backup stream to a file of its own; a partial file never carries a backup's name. */
  async save(tenant: string, backup: Readable, at: Date): Promise<StoredBackup> {
    const folder = path.join(this.dir, tenant);
    await mkdir(folder, { recursive: true });
    // Partial files of a platform killed mid-write are never backups: clear them (one backup per tenant runs at a time).
    const stale = (await readdir(folder)).filter((name) => name.endsWith('.partial'));
    await Promise.all(stale.map((name) => rm(path.join(folder, name), { force: true })));
    const file = `${tenant}-${at.toISOString().replace(/[-:.]/g, '')}.tar`;
    const partial = path.join(folder, `.${file}.partial`);
    try {
      await pipeline(backup, createWriteStream(partial));
      await rename(partial, path.join(folder, file));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await this.prune(tenant);
    return (await this.list(tenant)).find((stored) => stored.file === file)!;
  }

  /** The tenant's stored backups, newest first. */
  async list(tenant: string): Promise<StoredBackup[]> {
    const folder = path.join(this.dir, tenant);
    const files = (await readdir(folder).catch(() => [])).filter((file) => BACKUP_FILE.test(file));
    const backups = await Promise.all(
      files.map(async (file) => {
        const info = await stat(path.join(folder, file));
        return { file, createdAt: info.mtime.toISOString(), sizeBytes: info.size };
      }),
    );
    return backups.sort((a, b) => b.file.localeCompare(a.file));
  }

  /** The path of one stored backup; a name that is not one of the tenant's backups is not found. */
  async pathOf(tenant: string, file: string): Promise<string> {
    if (!(await this.list(tenant)).some((stored) => stored.file === file)) {
      throw new NotFoundError(`Tenant "${tenant}" has no stored backup named "${file}".`);
    }
    return path.join(this.dir, tenant, file);
  }

  private async prune(tenant: string): Promise<void> {
    const old = (await this.list(tenant)).slice(this.keep);
    await Promise.all(old.map((stored) => rm(path.join(this.dir, tenant, stored.file), { force: true })));
  }
}
