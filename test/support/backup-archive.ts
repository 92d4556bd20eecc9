import { createHash } from 'node:crypto';
import tar from 'tar-stream';

export interface ArchiveEntry {
  header: Partial<tar.Header> & { name: string };
  content: Buffer;
}

/** The entries of a tar held in memory (test archives are small). */
export async function unpack(archive: Buffer): Promise<ArchiveEntry[]> {
  const extract = tar.extract();
  const entries: ArchiveEntry[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const parts: Buffer[] = [];
      for await (const part of entry as unknown as AsyncIterable<Buffer>) parts.push(part);
      entries.push({ header: entry.header, content: Buffer.concat(parts) });
    }
  })();
  extract.end(archive);
  await done;
  return entries;
}

/** A tar of `entries`, in order, with their headers as given (links, devices and odd names included). */
export async function pack(entries: ArchiveEntry[]): Promise<Buffer> {
  const packer = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of packer as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const { header, content } of entries) {
    await new Promise<void>((resolve, reject) => packer.entry({ ...header, size: content.byteLength }, content, (error) => (error ? reject(error) : resolve())));
  }
  packer.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** Replaces checksums.json with one matching `entries`: an archive changed on purpose, but consistently. */
export function withFreshChecksums(entries: ArchiveEntry[]): ArchiveEntry[] {
  const body = entries.filter((entry) => entry.header.name !== 'checksums.json');
  const checksums = {
    algorithm: 'sha256',
    entries: Object.fromEntries(
      body.map(({ header, content }) => [header.name, { size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') }]),
    ),
  };
  return [...body, { header: { name: 'checksums.json' }, content: Buffer.from(JSON.stringify(checksums)) }];
}
