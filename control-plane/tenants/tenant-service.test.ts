import { access, rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { temporaryDataDir } from '../../test/support/platform-process.js';
import { EmbeddedRuntime } from '../runtimes/embedded/embedded-runtime.js';
import type { TenantRuntime } from '../runtimes/runtime.js';
import { Registry } from './registry.js';
import { TenantService } from './tenant-service.js';

describe('TenantService with the embedded runtime', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  let runtime: EmbeddedRuntime;

  const serviceOver = async (tenantRuntime: TenantRuntime = runtime) =>
    new TenantService({
      registry: await Registry.open(data.dir),
      runtimes: new Map([['embedded', tenantRuntime]]),
      defaultRuntime: 'embedded',
      waitUntilServing: async (name) => {
        if (!tenantRuntime.route(name)) throw new Error(`${name} has no route`);
      },
      logger: silentLogger,
    });

  beforeEach(async () => {
    data = await temporaryDataDir();
    runtime = new EmbeddedRuntime(data.dir, silentLogger);
  });

  afterEach(async () => {
    await runtime.close();
    await data.remove();
  });

  it('refuses a second operation on a tenant while one runs, naming it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
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
    await runtime.close(); // as after a platform restart, before the tenant is brought back
    expect(service.routeFor('acme')).toEqual({ kind: 'unavailable', state: 'starting', retryAfterSeconds: 2 });
    expect(service.routeFor('nobody')).toBeUndefined();
  });

  it('brings tenants back after a restart: running runs, stopped stays, a missing database fails with the reason', async () => {
    const first = await serviceOver();
    for (const name of ['one', 'two', 'three']) await (await first.create({ name })).completion;
    await first.stop('two');
    await runtime.close();
    await rm(runtime.databasePath('three'));

    const restarted = await serviceOver(new EmbeddedRuntime(data.dir, silentLogger));
    await restarted.restoreAll();
    expect(restarted.list().map((t) => [t.name, t.state])).toEqual([
      ['one', 'running'],
      ['three', 'failed'],
      ['two', 'stopped'],
    ]);
    expect(restarted.get('three').reason).toMatch(/database file .*broker\.sqlite is missing/);
    await expect(access(runtime.databasePath('three'))).rejects.toThrow(); // no empty database made silently
  });

  it('reports data the registry does not know as orphans and leaves them alone', async () => {
    const service = await serviceOver();
    await (await service.create({ name: 'kept' })).completion;
    await service.remove('kept', { keepData: true });
    expect(await service.orphans()).toEqual([{ runtime: 'embedded', tenant: 'kept', location: runtime.tenantDir('kept') }]);
    await expect(service.create({ name: 'kept' })).rejects.toThrow(/Data of an earlier tenant named "kept" are still in/);
    expect(service.list()).toEqual([]);
  });
});
