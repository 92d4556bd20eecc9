import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { dumpBrokerDatabase } from '../../broker/index.js';
import type { SqlDumpDatabase } from '../runtimes/runtime.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  CHECKSUMS_ENTRY,
  dataEntryName,
  MANIFEST_ENTRY,
  SQL_ENTRY,
  type BackupChecksums,
  type BackupManifest,
} from './backup-manifest.js';

/** Where the backup comes from, for its manifest. */
export type BackupOrigin = Pick<BackupManifest, 'tenant' | 'runtime' | 'broker' | 'createdAt' | 'platformVersion'>;

/**
 * Streams a backup of our broker's database as a tar: manifest first, the rows table by table,
 * checksums last. The connection to the live database at `url` opens once the stream is read, and
 * closes when it ends or fails (a client that goes away ends the dump and its snapshot).
 */
export function writeBackup(url: string, origin: BackupOrigin): Readable {
  return packBackup(origin, (archive) =>
    dumpBrokerDatabase(url, {
      begin: ({ schemaVersion, counts }) => archive.add(MANIFEST_ENTRY, manifestOf(origin, schemaVersion, counts)),
      chunk: ({ table, part, ndjson }) => archive.add(dataEntryName(table, part), ndjson),
    }),
  );
}

/**
 * Backs up the official image's database: `pg_dump`'s SQL is written to a spool file under
 * `spoolDir` first (a tar entry needs its size up front, and a failed dump is then an error the
 * caller can answer instead of a cut-off stream), then streamed as a tar after the manifest.
 */
export async function writeSqlBackup(database: SqlDumpDatabase, origin: BackupOrigin, spoolDir: string): Promise<Readable> {
  await mkdir(spoolDir, { recursive: true });
  const spool = path.join(spoolDir, `${origin.tenant}-${randomUUID()}.sql`);
  try {
    await database.dumpSql(createWriteStream(spool));
  } catch (error) {
    await rm(spool, { force: true });
    throw error;
  }
  return packBackup(origin, async (archive) => {
    try {
      await archive.add(MANIFEST_ENTRY, manifestOf(origin, null, {}));
      await archive.addFile(SQL_ENTRY, spool);
    } finally {
      await rm(spool, { force: true });
    }
  });
}

interface Archive {
  add(name: string, content: Buffer): Promise<void>;
  addFile(name: string, file: string): Promise<void>;
}

/** A tar whose entries `fill` adds, followed by the checksums of them all; a failure ends the stream with it. */
function packBackup(origin: BackupOrigin, fill: (archive: Archive) => Promise<void>): Readable {
  const pack = tar.pack();
  const checksums: BackupChecksums = { algorithm: 'sha256', entries: {} };
  const mtime = new Date(origin.createdAt);
  const archive: Archive = {
    add: (name, content) =>
      new Promise<void>((resolve, reject) => {
        checksums.entries[name] = { size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') };
        pack.entry({ name, size: content.byteLength, mtime }, content, (error) => (error ? reject(error) : resolve()));
      }),
    addFile: async (name, file) => {
      const { size } = await stat(file);
      const hash = createHash('sha256');
      const entry = pack.entry({ name, size, mtime });
      await pipeline(createReadStream(file).on('data', (chunk) => hash.update(chunk)), entry);
      checksums.entries[name] = { size, sha256: hash.digest('hex') };
    },
  };
  const write = async () => {
    await fill(archive);
    await archive.add(CHECKSUMS_ENTRY, Buffer.from(JSON.stringify(checksums, null, 2) + '\n'));
    pack.finalize();
  };
  write().catch((error: Error) => pack.destroy(error));
  return Readable.from(pack);
}

function manifestOf(origin: BackupOrigin, schemaVersion: string | null, counts: BackupManifest['counts']): Buffer {
  const manifest: BackupManifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, ...origin, schemaVersion, counts };
  return Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
}
