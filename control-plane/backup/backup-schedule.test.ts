import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';
import { scheduleBackups } from './backup-schedule.js';

describe('scheduled backups', () => {
  const bed = useEmbeddedTestBed();
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  /** A control plane with tenant acme running, and backups every hour checked every 20 ms. */
  async function scheduled() {
    const { service, backups, backupStore } = await testControlPlane(bed.dir, bed.runtime);
    await (await service.create({ name: 'acme' })).completion;
    const start = () => (stop = scheduleBackups({ tenants: service, backups, store: backupStore, everyMs: 3_600_000, checkEveryMs: 20, logger: silentLogger }));
    return { service, backupStore, start };
  }
  const files = async () => (await readdir(path.join(bed.dir, 'backups', 'acme'))).filter((file) => file.endsWith('.tar'));

  it('backs up a tenant that has no backup at once, not an interval after start, then waits for the interval', async () => {
    const { start } = await scheduled();
    start();
    await expect.poll(files, { timeout: 10_000 }).toHaveLength(1);
    await sleep(300); // many checks, none due
    expect(await files()).toHaveLength(1);
  });

  it('backs up a sleeping tenant from its file, and it stays asleep (issue 13)', async () => {
    const { service, start } = await scheduled();
    expect(await service.sleep('acme', () => true)).toBe(true);
    expect(bed.runtime.route('acme')).toBeUndefined(); // its broker and database are closed
    start();
    await expect.poll(files, { timeout: 10_000 }).toHaveLength(1);
    expect(service.get('acme')).toMatchObject({ state: 'sleeping', lastBackupAt: expect.any(String) });
    expect(bed.runtime.route('acme')).toBeUndefined();
  });

  it('counts a backup stored before a restart, so restarts neither postpone nor repeat it', async () => {
    const { backupStore, start } = await scheduled();
    await backupStore.save('acme', Readable.from([Buffer.from('an earlier backup')]), new Date());
    start();
    await sleep(300);
    expect(await files()).toHaveLength(1);
  });
});
