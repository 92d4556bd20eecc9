import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import tar from 'tar-stream';
import { BadRequestError, InvalidBackupError, PayloadTooLargeError, PlatformError } from '../../shared/errors.js';
import { formatBytes } from '../../shared/format-bytes.js';
import {
  CHECKSUMS_ENTRY,
  MANIFEST_ENTRY,
  parseManifest,
  SQL_ENTRY,
  tableOfDataEntry,
  type BackupChecksums,
  type BackupManifest,
} from './backup-manifest.js';

export interface BackupLimits {
  /** The largest archive accepted. */
  maxArchiveBytes: number;
  /** The largest single entry (a data chunk holds at least one row, so this bounds a row too). */
  maxEntryBytes: number;
}

export interface BackupHandlers {
  /** Called once, for the first entry, before any data. */
  manifest(manifest: BackupManifest): Promise<void>;
  /** Called for each data entry, in archive order (restores of our broker's rows). */
  chunk?(table: string, ndjson: Buffer): Promise<void>;
  /** Called with the SQL entry as a stream (restores of the official image's dump); it must read it to the end. */
  sql?(input: Readable): Promise<void>;
}

interface EntryHeader {
  name: string;
  type?: string | null;
  size?: number | null;
}

/** Why an entry may not be in a backup (unsafe name, not a plain file, unknown), or `undefined`. */
export function entryProblem(header: EntryHeader): string | undefined {
  const { name } = header;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `The entry "${name}" has an absolute path.`;
  if (name.split(/[\\/]/).includes('..')) return `The entry "${name}" points outside the archive (it contains "..").`;
  if (header.type !== 'file') return `The entry "${name}" is a ${header.type ?? 'special entry'}; a backup holds only plain files.`;
  if (name !== MANIFEST_ENTRY && name !== CHECKSUMS_ENTRY && name !== SQL_ENTRY && tableOfDataEntry(name) === undefined) {
    return `The entry "${name}" is not part of a Pact Broker SafS backup.`;
  }
  return undefined;
}

/**
 * Reads a backup tar as it streams in, checking every entry (names, types, sizes, order,
 * checksums, completeness) and handing the manifest and data chunks to `handlers`. Any problem
 * throws an InvalidBackupError (or PayloadTooLargeError) saying what was wrong.
 */
export async function readBackup(input: Readable, limits: BackupLimits, handlers: BackupHandlers): Promise<BackupManifest> {
  const received = { bytes: 0, head: Buffer.alloc(0) };
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received.bytes += chunk.byteLength;
      if (received.head.byteLength < 2) received.head = Buffer.concat([received.head, chunk]).subarray(0, 2);
      if (received.bytes > limits.maxArchiveBytes) {
        done(new PayloadTooLargeError(`The archive is larger than the ${formatBytes(limits.maxArchiveBytes)} a restore accepts (PACTSAFS_RESTORE_MAX_BYTES).`));
      } else done(null, chunk);
    },
  });
  const extract = tar.extract();
  input.on('error', (error) => counter.destroy(error));
  counter.on('error', (error) => extract.destroy(error));
  input.pipe(counter).pipe(extract);
  try {
    return await readEntries(extract, limits, handlers);
  } catch (error) {
    input.unpipe(counter);
    input.resume(); // drain the rest of the upload so the client gets the answer
    throw explain(error, received);
  }
}

async function readEntries(extract: tar.Extract, limits: BackupLimits, handlers: BackupHandlers): Promise<BackupManifest> {
  const digests = new Map<string, { size: number; sha256: string }>();
  let manifest: BackupManifest | undefined;
  let checksums: BackupChecksums | undefined;
  for await (const entry of extract) {
    const { header } = entry;
    const problem = entryProblem(header);
    if (problem) throw new InvalidBackupError(problem);
    if (checksums) throw new InvalidBackupError(`The entry "${header.name}" comes after ${CHECKSUMS_ENTRY}, which must be the last.`);
    if (digests.has(header.name)) throw new InvalidBackupError(`The entry "${header.name}" appears twice.`);
    // An entry is a streamx Readable: async-iterable, though its typings do not say so.
    const stream = entry as unknown as AsyncIterable<Buffer>;
    if (header.name === SQL_ENTRY) {
      if (manifest?.broker.flavour !== 'official' || !handlers.sql) {
        throw new InvalidBackupError(`It holds ${SQL_ENTRY}, which only backups of the official broker image have.`);
      }
      digests.set(header.name, await streamThrough(stream, handlers.sql));
      continue;
    }
    if ((header.size ?? 0) > limits.maxEntryBytes) {
      throw new PayloadTooLargeError(`The entry "${header.name}" is larger than the ${formatBytes(limits.maxEntryBytes)} allowed for one entry.`);
    }
    const content = await readAll(stream);
    digests.set(header.name, { size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') });
    if (!manifest) {
      if (header.name !== MANIFEST_ENTRY) throw new InvalidBackupError(`Its first entry is "${header.name}"; a backup starts with ${MANIFEST_ENTRY}.`);
      manifest = parseManifest(content.toString('utf8'));
      await handlers.manifest(manifest);
    } else if (header.name === CHECKSUMS_ENTRY) {
      checksums = parseChecksums(content);
    } else if (manifest.broker.flavour === 'official' || !handlers.chunk) {
      throw new InvalidBackupError(`It holds row data ("${header.name}"), which backups of the official broker image do not have.`);
    } else {
      await handlers.chunk(tableOfDataEntry(header.name)!, content);
    }
  }
  if (!manifest) throw new InvalidBackupError(`It holds no ${MANIFEST_ENTRY}: it is empty or not a backup.`);
  if (!checksums) throw new InvalidBackupError(`It ends before ${CHECKSUMS_ENTRY}: the archive is truncated.`);
  verifyChecksums(checksums, digests);
  return manifest;
}

function verifyChecksums(checksums: BackupChecksums, digests: Map<string, { size: number; sha256: string }>): void {
  for (const [name, actual] of digests) {
    if (name === CHECKSUMS_ENTRY) continue;
    const expected = checksums.entries[name];
    if (!expected) throw new InvalidBackupError(`The entry "${name}" is not listed in ${CHECKSUMS_ENTRY}.`);
    if (expected.sha256 !== actual.sha256 || expected.size !== actual.size) {
      throw new InvalidBackupError(`The entry "${name}" does not match its checksum: the archive is damaged or was changed.`);
    }
  }
  const missing = Object.keys(checksums.entries).filter((name) => !digests.has(name));
  if (missing.length > 0) throw new InvalidBackupError(`Entries listed in ${CHECKSUMS_ENTRY} are missing: ${missing.join(', ')}.`);
}

function parseChecksums(content: Buffer): BackupChecksums {
  try {
    const checksums = JSON.parse(content.toString('utf8')) as BackupChecksums;
    if (checksums.algorithm === 'sha256' && typeof checksums.entries === 'object' && checksums.entries !== null) return checksums;
  } catch {
    // reported below
  }
  throw new InvalidBackupError(`Its ${CHECKSUMS_ENTRY} is not a valid list of SHA-256 checksums.`);
}

/** Hands an entry to `consume` as a stream, measuring and hashing what passes. */
async function streamThrough(entry: AsyncIterable<Buffer>, consume: (input: Readable) => Promise<void>): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const measured = Readable.from(entry).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.byteLength;
        done(null, chunk);
      },
    }),
  );
  await consume(measured);
  return { size, sha256: hash.digest('hex') };
}

async function readAll(entry: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of entry) parts.push(part);
  return Buffer.concat(parts);
}

/** Turns the tar parser's terse errors into sentences about the upload. */
function explain(error: unknown, received: { bytes: number; head: Buffer }): unknown {
  if (received.bytes === 0) return new BadRequestError('The request body is empty; send the backup tar as the body.');
  if (error instanceof PlatformError) return error;
  const message = (error as Error).message ?? String(error);
  if (received.head[0] === 0x1f && received.head[1] === 0x8b) {
    return new InvalidBackupError('It is gzip-compressed; send the .tar itself (gunzip it first).');
  }
  // A tar is at least one 512-byte header: anything shorter is not a truncated backup but no archive at all.
  if (received.bytes < 512) return new InvalidBackupError('The body is not a tar archive.');
  if (/Unexpected end/.test(message)) return new InvalidBackupError('The archive ends in the middle of an entry: it is truncated.');
  if (/Invalid tar header|Invalid header|unknown format/.test(message)) return new InvalidBackupError('The body is not a tar archive.');
  return error;
}
