import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type Logger } from '../../shared/logger.js';
import type { EngineEvent, EngineEventFilters } from '../runtimes/engine/docker-engine.js';
import { EngineRouteTable, type ServiceEngine } from './engine-route-table.js';
import type { BrokerService } from './service-routes.js';

// A fake behind the narrow engine interface (issue 12): the watcher's reactions to events, to a
// dropped stream and to a failing engine are pure bookkeeping; the real engine is in the e2e suite.
class FakeEngine implements ServiceEngine {
  services: BrokerService[] = [];
  lists = 0;
  subscriptions = 0;
  failLists = false;
  failSubscribe = false;
  private listener: { onEvent: (event: EngineEvent) => void; onEnd: (error?: Error) => void } | undefined;

  async listServices(filters: { label: string[] }) {
    this.lists += 1;
    expect(filters).toEqual({ label: ['pactsafs.role=broker', 'pactsafs.platform=team-a'] });
    if (this.failLists) throw new Error('connect ENOENT /var/run/docker.sock');
    return this.services;
  }

  async events(filters: EngineEventFilters, onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void) {
    expect(filters).toEqual({ type: ['service'] });
    if (this.failSubscribe) throw new Error('connect ECONNREFUSED');
    this.subscriptions += 1;
    const listener = { onEvent, onEnd };
    this.listener = listener;
    return { close: () => this.listener === listener && (this.listener = undefined) };
  }

  emit(action: string): void {
    this.listener?.onEvent({ type: 'service', action, attributes: {} });
  }

  drop(): void {
    const listener = this.listener;
    this.listener = undefined;
    listener?.onEnd(new Error('socket hang up'));
  }
}

const broker = (tenant: string, state = 'running', replicas = 1) => ({
  name: `pactsafs-${tenant}-broker`,
  labels: { 'pactsafs.tenant': tenant, 'pactsafs.role': 'broker', 'pactsafs.state': state },
  replicas,
});

const tables: EngineRouteTable[] = [];
afterEach(() => {
  for (const table of tables.splice(0)) table.stop();
});

function startTable(engine: FakeEngine, logger: Logger = createLogger({ write: () => {} }), relistEveryMs = 60_000) {
  const table = new EngineRouteTable({ engine, logger, platformId: 'team-a', relistEveryMs, reconnectMs: 20, settleMs: 5 });
  tables.push(table);
  return table;
}

describe('EngineRouteTable (issue 12: level-triggered, Traefik style)', () => {
  it('answers "starting" for every tenant before the first list, then the listed routes', async () => {
    const engine = new FakeEngine();
    engine.services = [broker('acme')];
    const table = startTable(engine);
    expect(table.lookup('acme')).toEqual({ kind: 'unavailable', state: 'starting', retryAfterSeconds: 2 });
    await table.start();
    expect(table.lookup('acme')).toEqual({ kind: 'proxy', host: 'pactsafs-acme-broker', port: 9292 });
    expect(table.lookup('nobody')).toBeUndefined();
  });

  it('relists the whole table on any service event', async () => {
    const engine = new FakeEngine();
    engine.services = [broker('acme')];
    const table = startTable(engine);
    await table.start();
    engine.services = [broker('acme', 'stopped', 0), broker('beta')];
    engine.emit('update');
    await vi.waitFor(() => expect(table.lookup('beta')?.kind).toBe('proxy'));
    expect(table.lookup('acme')).toEqual({ kind: 'unavailable', state: 'stopped', retryAfterSeconds: 30 });
    engine.services = [broker('beta')];
    engine.emit('remove');
    await vi.waitFor(() => expect(table.lookup('acme')).toBeUndefined());
  });

  it('one relist for a burst of events', async () => {
    const engine = new FakeEngine();
    const table = startTable(engine);
    await table.start();
    const before = engine.lists;
    for (const action of ['update', 'update', 'update', 'update']) engine.emit(action);
    await vi.waitFor(() => expect(engine.lists).toBe(before + 1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(engine.lists).toBe(before + 1);
  });

  it('reconnects a dropped event stream and relists (a change made while it was down is seen)', async () => {
    const engine = new FakeEngine();
    const table = startTable(engine);
    await table.start();
    expect(engine.subscriptions).toBe(1);
    engine.drop();
    engine.services = [broker('acme')]; // created while no stream was open: no event will tell
    await vi.waitFor(() => expect(engine.subscriptions).toBe(2));
    await vi.waitFor(() => expect(table.lookup('acme')?.kind).toBe('proxy'));
    engine.services = [];
    engine.emit('remove'); // the new stream delivers
    await vi.waitFor(() => expect(table.lookup('acme')).toBeUndefined());
  });

  it('keeps retrying an event stream that cannot be opened, and routes once it can', async () => {
    const engine = new FakeEngine();
    engine.failSubscribe = true;
    engine.services = [broker('acme')];
    const table = startTable(engine);
    await table.start();
    expect(table.lookup('acme')?.kind).toBe('proxy'); // the list worked even without events
    engine.failSubscribe = false;
    await vi.waitFor(() => expect(engine.subscriptions).toBe(1));
  });

  it('keeps the last table when a list fails, and logs why', async () => {
    const lines: string[] = [];
    const engine = new FakeEngine();
    engine.services = [broker('acme')];
    const table = startTable(engine, createLogger({ write: (line) => lines.push(line) }));
    await table.start();
    engine.failLists = true;
    engine.services = [];
    await table.relist();
    expect(table.lookup('acme')?.kind).toBe('proxy');
    expect(lines.join('\n')).toContain('cannot list broker services; keeping the last route table');
  });

  it('relists periodically with no event at all (the safety net)', async () => {
    const engine = new FakeEngine();
    const table = startTable(engine, undefined, 20);
    await table.start();
    engine.services = [broker('acme')];
    await vi.waitFor(() => expect(table.lookup('acme')?.kind).toBe('proxy'));
  });

  it('logs a service with bad labels once, while the others route', async () => {
    const lines: string[] = [];
    const engine = new FakeEngine();
    engine.services = [broker('acme'), { ...broker('beta'), name: 'beta-impostor' }];
    const table = startTable(engine, createLogger({ write: (line) => lines.push(line) }));
    await table.start();
    await table.relist();
    expect(table.lookup('acme')?.kind).toBe('proxy');
    expect(table.lookup('beta')).toBeUndefined();
    const skipped = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.service === 'beta-impostor');
    expect(skipped).toEqual([expect.objectContaining({ level: 'warn', reason: 'a broker service of tenant "beta" must be named pactsafs-beta-broker' })]);
  });

  it('stops: no more lists, the stream closed', async () => {
    const engine = new FakeEngine();
    const table = startTable(engine, undefined, 10);
    await table.start();
    table.stop();
    const lists = engine.lists;
    engine.emit('update');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(engine.lists).toBe(lists);
  });
});
