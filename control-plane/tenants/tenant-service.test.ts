import { access, rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import type { EmbeddedRuntime } from '../runtimes/embedded/embedded-runtime.js';
import type { TenantRuntime } from '../runtimes/runtime.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';
import { Registry } from './registry.js';
import { TenantService } from './tenant-service.js';

describe('TenantService with the embedded runtime', () => {
  const bed = useEmbeddedTestBed();

  const serviceOver = async (tenantRuntime: TenantRuntime = bed.runtime) =>
    new TenantService({
      registry: await Registry.open(bed.dir),
      runtimes: new Map([['embedded', tenantRuntime]]),
      defaultRuntime: 'embedded',
      waitUntilServing: async (name) => {
        if (!tenantRuntime.route(name)) throw new Error(`${name} has no route`);
      },
      logger: silentLogger,
    });

  it('refuses a second operation on a tenant while one runs, naming it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { runtime } = bed;
    // The real runtime, its create held at a gate: the overlap is then certain, not a race.
    const slowCreate: TenantRuntime = Object.assign(Object.create(runtime) as EmbeddedRuntime, {
      create: async (...args: Parameters<EmbeddedRuntime['create']>) => {
        await gate;
        return runtime.create(...args);
      },
    });
    const service = await serviceOver(slowCreate);
    const { completion } = await service.create({ name: 'acme' });
    await expect(service.stop('acme')).rejects.toThrow('Tenant "acme" is busy: create is in progress.');
    await expect(service.remove('acme')).rejects.toThrow('Tenant "acme" is busy: create is in progress.');
    await expect(service.create({ name: 'acme' })).rejects.toThrow('A tenant named "acme" already exists.');
    release();
    expect((await completion).state).toBe('running');
    expect((await service.stop('acme')).state).toBe('stopped');
  });

  it('lets an operation wait for a backup that is finishing instead of refusing it', async () => {
    const service = await serviceOver();
    await (await service.create({ name: 'acme' })).completion;
    let backupDone = false;
    const backup = service.exclusive('acme', 'backup', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      backupDone = true;
    });
    expect((await service.stop('acme')).state).toBe('stopped');
    expect(backupDone).toBe(true);
    await backup;
  });

  it('routes only running tenants', async () => {
    const service = await serviceOver();
    await (await service.create({ name: 'acme' })).completion;
    expect(service.routeFor('acme')?.kind).toBe('in-process');
    await service.stop('acme');
    expect(service.routeFor('acme')).toEqual({ kind: 'unavailable', state: 'stopped', retryAfterSeconds: 30 });
    await service.start('acme');
    await bed.runtime.close(); // as after a platform restart, before the tenant is brought back
    expect(service.routeFor('acme')).toEqual({ kind: 'unavailable', state: 'starting', retryAfterSeconds: 2 });
    expect(service.routeFor('nobody')).toBeUndefined();
  });

  it('brings tenants back after a restart: running runs, stopped stays, a missing database fails with the reason', async () => {
    const first = await serviceOver();
    for (const name of ['one', 'two', 'three']) await (await first.create({ name })).completion;
    await first.stop('two');
    await bed.runtime.close();
    await rm(bed.runtime.databasePath('three'));

    const restarted = await serviceOver(bed.restartedRuntime());
    await restarted.restoreAll();
    expect(restarted.list().map((t) => [t.name, t.state])).toEqual([
      ['one', 'running'],
      ['three', 'failed'],
      ['two', 'stopped'],
    ]);
    expect(restarted.get('three').reason).toMatch(/database file .*broker\.sqlite is missing/);
    await expect(access(bed.runtime.databasePath('three'))).rejects.toThrow(); // no empty database made silently
  });

  it('records a tenant whose runtime is not available here as failed, and still brings the others back', async () => {
    const first = await serviceOver();
    await (await first.create({ name: 'one' })).completion;
    await bed.runtime.close();
    const registry = await Registry.open(bed.dir);
    const at = new Date().toISOString();
    await registry.save({ name: 'dock', state: 'running', runtime: 'docker', createdAt: at, updatedAt: at, lastBackupAt: null, reason: null });

    const restarted = await serviceOver(bed.restartedRuntime());
    await restarted.restoreAll();
    expect(restarted.get('one').state).toBe('running');
    expect(restarted.get('dock')).toMatchObject({ state: 'failed', reason: 'Tenant "dock" uses the docker runtime, which is not available.' });
    expect(await restarted.dataSize(restarted.get('dock'))).toBeNull(); // lists of tenants still answer
  });

  it('reports data the registry does not know as orphans and leaves them alone', async () => {
    const service = await serviceOver();
    await (await service.create({ name: 'kept' })).completion;
    await service.remove('kept', { keepData: true });
    expect(await service.orphans()).toEqual([{ runtime: 'embedded', tenant: 'kept', location: bed.runtime.tenantDir('kept') }]);
    await expect(service.create({ name: 'kept' })).rejects.toThrow(/Data of an earlier tenant named "kept" are still in/);
    expect(service.list()).toEqual([]);
    // The refusal leaves the name free: once the data are moved away, the tenant can be made.
    await rm(bed.runtime.tenantDir('kept'), { recursive: true });
    expect((await (await service.create({ name: 'kept' })).completion).state).toBe('running');
  });
});
