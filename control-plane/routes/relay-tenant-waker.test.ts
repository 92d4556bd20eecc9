import net, { type AddressInfo } from 'node:net';
import Dockerode from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logger.js';
import { httpRequest } from '../../test/support/http-client.js';
import { provided } from '../../test/support/test-parts.js';
import { until } from '../../test/support/until.js';
import { createEngineRelay, type RelayTenants } from './engine-relay.js';
import { RelayTenantWaker } from './relay-tenant-waker.js';

/**
 * Team issue 13 on gateway replicas: the relay's two POSTs and the waker that uses them, over real
 * HTTP on loopback. The control plane behind the relay is a recording of its two calls (the tenant
 * service's wake and the idle clock have tests of their own; the swarm e2e runs them all together).
 * The relay's engine is never asked: these calls do not reach it.
 */
describe('gateway replicas wake tenants and report activity through the engine relay (team issue 13)', () => {
  const closers: Array<() => unknown> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function relayWith(tenants?: Partial<RelayTenants>): Promise<{ port: number; woken: string[]; activity: string[][] }> {
    const woken: string[] = [];
    const activity: string[][] = [];
    const recording: RelayTenants = {
      wake: async (name) => {
        woken.push(name);
        await tenants?.wake?.(name);
      },
      noteActivity: (names) => activity.push([...names]),
    };
    const relay = createEngineRelay(new Dockerode({ socketPath: '/nonexistent/docker.sock' }), 'pactsafs', silentLogger, recording);
    const port = await relay.listen(0, '127.0.0.1');
    closers.push(() => relay.close());
    return { port, woken, activity };
  }

  function wakerOf(port: number, relisted: string[] = [], reportEveryMs = 1000): RelayTenantWaker {
    const waker = new RelayTenantWaker({
      relay: new URL(`http://127.0.0.1:${port}`),
      relist: async () => void relisted.push('relist'),
      warn: () => undefined,
      reportEveryMs,
    });
    closers.push(() => waker.close());
    return waker;
  }

  it('wakes a tenant once for every request meanwhile, then relists the routes', async () => {
    let release = () => undefined as void;
    const relay = await relayWith({ wake: () => new Promise<void>((resolve) => (release = resolve)) });
    const relisted: string[] = [];
    const waker = wakerOf(relay.port, relisted);
    const wakes = [waker.wake('acme'), waker.wake('acme')];
    await until('the relay was asked', async () => (relay.woken.length > 0 ? true : undefined), 2000);
    expect(relisted).toEqual([]);
    release();
    await Promise.all(wakes);
    expect(relay.woken).toEqual(['acme']);
    expect(relisted).toEqual(['relist']);
  });

  it("rejects with the control plane's sentence when the tenant cannot be woken", async () => {
    const relay = await relayWith({
      wake: async (name) => {
        if (name === 'gone') throw new NotFoundError(`There is no tenant named "${name}".`);
        throw new ConflictError(`Tenant "${name}" is stopped.`);
      },
    });
    const waker = wakerOf(relay.port);
    await expect(waker.wake('gone')).rejects.toThrow('There is no tenant named "gone".');
    await expect(waker.wake('stopped')).rejects.toThrow('Tenant "stopped" is stopped.');
  });

  it.runIf(provided('docker'))("says so when PACTSAFS_SWARM_HOST is a Docker engine, not a control plane's relay", async () => {
    // The test's real engine, reached over TCP as a gateway reaches one (its socket piped to a loopback port).
    const piped = new Set<net.Socket>();
    const engine = net.createServer((client) => {
      const socket = net.createConnection('/var/run/docker.sock');
      piped.add(client).add(socket);
      client.pipe(socket).pipe(client);
      client.on('error', () => socket.destroy());
      socket.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      // fetch keeps its connection for a while: closing the server alone would wait for it.
      for (const socket of piped) socket.destroy();
      return new Promise((resolve) => engine.close(resolve));
    });
    const waker = wakerOf((engine.address() as AddressInfo).port);
    await expect(waker.wake('acme')).rejects.toThrow("is not a control plane's engine relay, so this gateway cannot wake tenants");
  });

  it('says the relay is not answering when nothing listens there', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(wakerOf(port).wake('acme')).rejects.toThrow(`the control plane's engine relay (http://127.0.0.1:${port}) is not answering: connect ECONNREFUSED`);
  });

  it("reports a tenant's first request within moments, then the tenants served or still in flight about every interval", async () => {
    const relay = await relayWith();
    const waker = wakerOf(relay.port, [], 100);
    const done = waker.requestStarted('acme');
    waker.requestStarted('acme')();
    await until('the first request was reported', async () => (relay.activity.length > 0 ? true : undefined), 2000);
    expect(relay.activity[0]).toEqual(['acme']);
    // Still in flight: reported on and on, so a long request keeps its tenant awake.
    await until('reported again while in flight', async () => (relay.activity.length >= 3 ? true : undefined), 2000);
    done();
    waker.requestStarted('beta')();
    await until('beta reported', async () => (relay.activity.some((names) => names.includes('beta')) ? true : undefined), 2000);
    const quiet = relay.activity.length;
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Nothing served and nothing in flight: nothing more to report.
    expect(relay.activity.length).toBeLessThanOrEqual(quiet + 1);
    expect(relay.activity.flat().every((name) => name === 'acme' || name === 'beta')).toBe(true);
  });

  it('refuses a report or a wake that does not name tenants, and every other call, changing nothing', async () => {
    const relay = await relayWith();
    for (const body of ['{"tenants":"acme"}', '{"tenants":["Acme!"]}', 'not json', '{}']) {
      const answer = await httpRequest(relay.port, { method: 'POST', path: '/activity', body, headers: { 'Content-Type': 'application/json' } });
      expect(answer.status, body).toBe(400);
    }
    expect((await httpRequest(relay.port, { method: 'POST', path: '/tenants/..%2Fadmin/wake' })).status).toBe(400);
    expect((await httpRequest(relay.port, { method: 'POST', path: '/services/create' })).status).toBe(403);
    expect((await httpRequest(relay.port, { method: 'PUT', path: '/activity', body: '{"tenants":["acme"]}' })).status).toBe(403);
    expect(relay.activity).toEqual([]);
    expect(relay.woken).toEqual([]);
  });

  it('refuses both POSTs on a relay without a control plane behind it (403)', async () => {
    const relay = createEngineRelay(new Dockerode({ socketPath: '/nonexistent/docker.sock' }), 'pactsafs', silentLogger);
    const port = await relay.listen(0, '127.0.0.1');
    closers.push(() => relay.close());
    const waker = wakerOf(port);
    await expect(waker.wake('acme')).rejects.toThrow('The engine relay answers GET /services, /events, /info and /_ping only');
  });
});
