import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { temporaryDataDir } from '../../test/support/platform-process.js';
import { BackupStore } from './backup-store.js';

let data: Awaited<ReturnType<typeof temporaryDataDir>>;
beforeEach(async () => (data = await temporaryDataDir()));
afterEach(() => data.remove());

it('keeps the newest backups, clears partial files, and finds only its own files', async () => {
  const store = new BackupStore(data.dir, 2);
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));
  await store.save('acme', Readable.from([Buffer.from('first')]), at(0));
  await writeFile(path.join(data.dir, 'acme', '.acme-killed.tar.partial'), 'half');
  await store.save('acme', Readable.from([Buffer.from('second')]), at(1));
  const third = await store.save('acme', Readable.from([Buffer.from('third!')]), at(2));

  expect(third).toMatchObject({ file: 'acme-20261123T120200000Z.tar', sizeBytes: 6 });
  expect((await store.list('acme')).map((stored) => stored.file)).toEqual(['acme-20261123T120200000Z.tar', 'acme-20261123T120100000Z.tar']);
  expect(await readdir(path.join(data.dir, 'acme'))).toHaveLength(2);
  expect(await store.pathOf('acme', third.file)).toBe(path.join(data.dir, 'acme', third.file));
  await expect(store.pathOf('acme', '../registry.json')).rejects.toThrow('Tenant "acme" has no stored backup named "../registry.json".');
  expect(await store.list('nobody')).toEqual([]);
});

it('leaves no file under a backup name when the stream fails', async () => {
  const store = new BackupStore(data.dir, 2);
  const failing = new Readable({ read() { this.destroy(new Error('the dump failed')); } });
  await expect(store.save('acme', failing, new Date())).rejects.toThrow('the dump failed');
  expect(await readdir(path.join(data.dir, 'acme'))).toEqual([]);
});
