import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { IdleSleeper, type SleepingTenants } from './idle-sleeper.js';
import type { TenantRecord } from './registry.js';

// Issue 13. Time is faked (vitest's timers): idleness of minutes cannot be caused for real at test speed.
// The tenant service behind the sleeper is a fake of its two-method interface: only the timing logic is under test.
function tenant(name: string, changes: Partial<TenantRecord> = {}): TenantRecord {
  const at = '2026-12-06T00:00:00.000Z';
  return { name, state: 'running', runtime: 'embedded', createdAt: at, updatedAt: at, lastBackupAt: null, reason: null, ...changes };
}

function fakeTenants(records: TenantRecord[]): SleepingTenants & { slept: string[] } {
  const slept: string[] = [];
  return {
    slept,
    list: () => records,
    sleep: async (name, stillIdle) => {
      if (!stillIdle()) return false;
      slept.push(name);
      records.find((record) => record.name === name)!.state = 'sleeping';
      return true;
    },
  };
}

describe('IdleSleeper (issue 13)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const sleeperOver = (tenants: SleepingTenants, defaultIdleAfterMs = 60_000) =>
    new IdleSleeper({ tenants, defaultIdleAfterMs, logger: silentLogger, checkEveryMs: 1000 });

  it('puts a running tenant to sleep once it has had no request for the idle time', async () => {
    const tenants = fakeTenants([tenant('acme')]);
    const sleeper = sleeperOver(tenants);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(tenants.slept).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tenants.slept).toEqual(['acme']);
    await sleeper.stop();
  });

  it('counts activity reported by gateway replicas (team issue 13: their requests never reach this process)', async () => {
    const tenants = fakeTenants([tenant('acme'), tenant('beta')]);
    const sleeper = sleeperOver(tenants);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(50_000);
    sleeper.noteActivity(['acme']);
    await vi.advanceTimersByTimeAsync(11_000);
    expect(tenants.slept).toEqual(['beta']);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(tenants.slept).toEqual(['beta', 'acme']);
    await sleeper.stop();
  });

  it('counts from the end of the last request, and never sleeps a tenant with a request in flight', async () => {
    const tenants = fakeTenants([tenant('acme')]);
    const sleeper = sleeperOver(tenants);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(30_000);
    const done = sleeper.requestStarted('acme');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(tenants.slept).toEqual([]);
    done();
    done(); // twice is once
    await vi.advanceTimersByTimeAsync(59_000);
    expect(tenants.slept).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tenants.slept).toEqual(['acme']);
    await sleeper.stop();
  });

  it("takes a tenant's own idleAfter over the platform's, and 0 as never", async () => {
    const tenants = fakeTenants([tenant('quick', { idleAfterMs: 2000 }), tenant('never', { idleAfterMs: 0 }), tenant('usual')]);
    const sleeper = sleeperOver(tenants, 10_000);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(4000);
    expect(tenants.slept).toEqual(['quick']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tenants.slept).toEqual(['quick', 'usual']);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(tenants.slept).toEqual(['quick', 'usual']);
    await sleeper.stop();
  });

  it('lets no tenant sleep when the platform default is off and none has a setting', async () => {
    const tenants = fakeTenants([tenant('acme'), tenant('beta')]);
    const sleeper = sleeperOver(tenants, 0);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(tenants.slept).toEqual([]);
    await sleeper.stop();
  });

  it('starts the clock again when a tenant runs again (a wake, a start)', async () => {
    const records = [tenant('acme')];
    const tenants = fakeTenants(records);
    const sleeper = sleeperOver(tenants);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(tenants.slept).toEqual(['acme']);
    await vi.advanceTimersByTimeAsync(600_000); // asleep a long time
    records[0]!.state = 'running'; // woken without a request (POST /start)
    await vi.advanceTimersByTimeAsync(30_000);
    expect(tenants.slept).toEqual(['acme']);
    await vi.advanceTimersByTimeAsync(32_000);
    expect(tenants.slept).toEqual(['acme', 'acme']);
    await sleeper.stop();
  });

  it('leaves stopped, failed and sleeping tenants alone', async () => {
    const tenants = fakeTenants([tenant('a', { state: 'stopped' }), tenant('b', { state: 'failed' }), tenant('c', { state: 'sleeping' })]);
    const sleeper = sleeperOver(tenants);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(tenants.slept).toEqual([]);
    await sleeper.stop();
  });

  it('asks again at the last moment: a request that starts while the sleep is decided keeps the tenant awake', async () => {
    const records = [tenant('acme')];
    let sleeper!: IdleSleeper;
    const asked: boolean[] = [];
    const tenants: SleepingTenants = {
      list: () => records,
      sleep: async (_name, stillIdle) => {
        sleeper.requestStarted('acme'); // arrives while the service checks pending webhooks
        asked.push(stillIdle());
        return false;
      },
    };
    sleeper = sleeperOver(tenants);
    sleeper.start();
    await vi.advanceTimersByTimeAsync(62_000);
    expect(asked).toEqual([false]);
    await sleeper.stop();
  });
});
