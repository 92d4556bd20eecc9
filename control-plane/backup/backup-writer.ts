import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { dumpDatabase } from '../../broker/backup/dump-database.js';
import type { Db } from '../../broker/db/database.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  CHECKSUMS_ENTRY,
  dataEntryName,
  MANIFEST_ENTRY,
  type BackupChecksums,
  type BackupManifest,
} from './backup-manifest.js';

/** Where the backup comes from, for its manifest. */
export type BackupOrigin = Pick<BackupManifest, 'tenant' | 'runtime' | 'broker' | 'createdAt' | 'platformVersion'>;

/**
 * Streams a tenant's backup as a tar: manifest first, the rows table by table, checksums last.
 * `open` connects to the live database; the connection is closed when the stream ends or fails
 * (a client that goes away ends the dump and its snapshot).
 */
export function writeBackup(open: () => Db, origin: BackupOrigin): Readable {
  const pack = tar.pack();
  const checksums: BackupChecksums = { algorithm: 'sha256', entries: {} };
  const add = (name: string, content: Buffer) =>
    new Promise<void>((resolve, reject) => {
      checksums.entries[name] = { size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') };
      pack.entry({ name, size: content.byteLength, mtime: new Date(origin.createdAt) }, content, (error) => (error ? reject(error) : resolve()));
    });

  const dump = async () => {
    const db = open();
    try {
      await dumpDatabase(db, {
        begin: ({ schemaVersion, counts }) => {
          const manifest: BackupManifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, ...origin, schemaVersion, counts };
          return add(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
        },
        chunk: ({ table, part, ndjson }) => add(dataEntryName(table, part), ndjson),
      });
    } finally {
      await db.destroy();
    }
    await add(CHECKSUMS_ENTRY, Buffer.from(JSON.stringify(checksums, null, 2) + '\n'));
    pack.finalize();
  };
  dump().catch((error: Error) => pack.destroy(error));
  return Readable.from(pack);
}
