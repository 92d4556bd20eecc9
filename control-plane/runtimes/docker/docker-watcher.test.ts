import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../shared/logger.js';
import { MemoryDockerEngine } from '../../../test/support/memory-docker-engine.js';
import { until } from '../../../test/support/until.js';
import type { EngineContainer } from '../engine/docker-engine.js';
import type { DesiredState } from '../runtime.js';
import { DockerWatcher } from './docker-watcher.js';

// The watcher's restart decisions against an in-memory engine (issue 12): level-triggered, any event
// of ours (or a reconnect) relists and compares with what should run. Remedies are recorded, not run.

const IMAGE = 'pactsafs/postgres:15';

/** A tenant's two containers, running, on the engine as the docker runtime makes them (names and labels). */
async function tenantOn(engine: MemoryDockerEngine, name: string): Promise<void> {
  await engine.ensureNetwork(`pactsafs-${name}`, {});
  for (const role of ['db', 'broker']) {
    const container = `pactsafs-${name}-${role}`;
    await engine.createContainer({ name: container, Image: IMAGE, Labels: { 'pactsafs.tenant': name, 'pactsafs.role': role }, HostConfig: { NetworkMode: `pactsafs-${name}` } });
    await engine.startContainer(container);
  }
}

const watchers: DockerWatcher[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.stop();
});

async function setup(running: string[]) {
  const engine = new MemoryDockerEngine();
  engine.images.set(IMAGE, {});
  for (const name of running) await tenantOn(engine, name);
  const restarted: string[] = [];
  const seen = new Map<string, EngineContainer | undefined>();
  const gone: [string, string][] = [];
  const shouldRun = new Set(running);
  const lists = vi.spyOn(engine, 'listContainers');
  const watcher = new DockerWatcher(engine, silentLogger, {
    restart: async (name) => {
      restarted.push(name);
      for (const role of ['db', 'broker']) await engine.startContainer(`pactsafs-${name}-${role}`);
    },
    brokerSeen: (name, broker) => seen.set(name, broker),
  });
  watchers.push(watcher);
  const desired: DesiredState = {
    shouldRun: (name) => shouldRun.has(name),
    markGone: async (name, reason) => void gone.push([name, reason]),
    tenants: () => [],
    markRecovered: async () => {},
  };
  for (const name of running) watcher.track(name);
  watcher.start(desired);
  await until('the first relist', async () => (lists.mock.calls.length > 0 ? true : undefined));
  /** Resolves after the watcher has listed the engine again (and acted on what it saw). */
  const relisted = async () => {
    const before = lists.mock.calls.length;
    await until('a relist', async () => (lists.mock.calls.length > before ? true : undefined));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { engine, watcher, restarted, seen, gone, shouldRun, relisted };
}

describe('docker watcher decisions (in-memory engine)', () => {
  it('starts a broker that died while its tenant should run, and tells the route its address', async () => {
    const { engine, restarted, seen, relisted } = await setup(['acme']);
    expect(seen.get('acme')?.state).toBe('running');
    const wait = relisted();
    engine.exit('pactsafs-acme-broker');
    await wait;
    expect(restarted).toEqual(['acme']);
    await until('the route to follow the restarted broker', async () => (seen.get('acme')?.state === 'running' ? true : undefined));
    expect(engine.containers.get('pactsafs-acme-broker')?.state).toBe('running');
  });

  it("ends a broker's route at its stop event, before any relist (its address may go to another container)", async () => {
    const { engine, seen } = await setup(['acme']);
    engine.exit('pactsafs-acme-broker');
    expect(seen.has('acme')).toBe(true);
    expect(seen.get('acme')).toBeUndefined();
  });

  it('leaves alone a tenant that should not run, and one it does not track', async () => {
    const { engine, watcher, restarted, shouldRun, relisted } = await setup(['acme', 'other']);
    shouldRun.delete('acme');
    watcher.untrack('other');
    const wait = relisted();
    engine.exit('pactsafs-acme-db');
    engine.exit('pactsafs-other-db');
    await wait;
    expect(restarted).toEqual([]);
    expect(engine.containers.get('pactsafs-acme-db')?.state).toBe('exited');
  });

  it('marks a tenant gone, with the containers named, when they were removed outside the platform, and stops tracking it', async () => {
    const { engine, gone, restarted, relisted } = await setup(['acme']);
    const wait = relisted();
    await engine.removeContainer('pactsafs-acme-db');
    await wait;
    expect(gone).toEqual([['acme', 'Its containers were removed outside the platform (pactsafs-acme-broker, pactsafs-acme-db).']]);
    const again = relisted();
    engine.exit('pactsafs-acme-broker');
    await again;
    expect(restarted).toEqual([]);
    expect(gone).toHaveLength(1);
  });

  it('after a dropped event stream, reconnects and relists: a broker that died meanwhile is started', async () => {
    const { engine, restarted } = await setup(['acme']);
    engine.dropEvents();
    // No one hears this one: only the relist after the reconnect finds it.
    const broker = engine.containers.get('pactsafs-acme-broker');
    if (broker) broker.state = 'exited';
    await until('the restart after the reconnect', async () => (restarted.length > 0 ? true : undefined), 10_000);
    expect(restarted).toEqual(['acme']);
  });
});
