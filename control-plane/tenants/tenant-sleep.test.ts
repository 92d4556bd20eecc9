import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';
import { Registry } from './registry.js';
import { TenantService } from './tenant-service.js';

// Issue 13: sleeping and waking over the real embedded runtime and broker.
describe('TenantService.sleep and wake, embedded', () => {
  const bed = useEmbeddedTestBed();
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  const serviceOver = async () =>
    new TenantService({
      registry: await Registry.open(bed.dir),
      runtimes: new Map([['embedded', bed.runtime]]),
      defaultRuntime: 'embedded',
      waitUntilServing: async (name) => {
        if (!bed.runtime.route(name)) throw new Error(`${name} has no route`);
      },
      logger: silentLogger,
    });

  /** The tenant's broker on a port of its own (its in-process handler), as a client reaches it through the gateway. */
  async function brokerOf(name: string): Promise<(method: string, path: string, body: unknown) => Promise<number>> {
    server = http.createServer((req, res) => {
      const route = bed.runtime.route(name);
      if (route?.kind === 'in-process') route.handle(req, res);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return async (method, path, body) => {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      await answer.arrayBuffer();
      return answer.status;
    };
  }

  it('keeps a tenant awake while a webhook delivery waits for a retry, and lets an idle one without any sleep', async () => {
    const service = await serviceOver();
    // A port nothing listens on: the delivery is refused for real and a retry is scheduled.
    await (await service.create({ name: 'hooked', webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] })).completion;
    await (await service.create({ name: 'quiet' })).completion;
    const broker = await brokerOf('hooked');
    expect(await broker('POST', '/webhooks', { events: [{ name: 'contract_published' }], request: { method: 'POST', url: 'http://127.0.0.1:1/build' } })).toBe(201);
    const pact = { consumer: { name: 'Web' }, provider: { name: 'Orders' }, interactions: [{ description: 'a request', request: { method: 'GET', path: '/' }, response: { status: 200 } }], metadata: { pactSpecification: { version: '2.0.0' } } };
    expect(await broker('PUT', '/pacts/provider/Orders/consumer/Web/version/1.0.0', pact)).toBe(201);

    expect(await service.sleep('hooked', () => true)).toBe(false);
    expect(service.get('hooked').state).toBe('running');
    expect(await service.sleep('quiet', () => true)).toBe(true);
    expect(service.get('quiet').state).toBe('sleeping');
    expect(bed.runtime.route('quiet')).toBeUndefined();
  });

  it('does not sleep a tenant whose request came at the last moment, nor one that is not running', async () => {
    const service = await serviceOver();
    await (await service.create({ name: 'acme' })).completion;
    expect(await service.sleep('acme', () => false)).toBe(false);
    expect(service.get('acme').state).toBe('running');
    await service.stop('acme');
    expect(await service.sleep('acme', () => true)).toBe(false);
    expect(service.get('acme').state).toBe('stopped');
  });

  it('wakes a sleeping tenant once for many callers, over its data', async () => {
    const service = await serviceOver();
    await (await service.create({ name: 'acme' })).completion;
    await service.sleep('acme', () => true);
    const wakes = [service.wake('acme'), service.wake('acme'), service.wake('acme')];
    expect(wakes[1]).toBe(wakes[0]);
    await Promise.all(wakes);
    expect(service.get('acme').state).toBe('running');
    expect(bed.runtime.route('acme')?.kind).toBe('in-process');
  });

  it('takes idleAfter on create and PATCH-style changes, null going back to the platform default', async () => {
    const service = await serviceOver();
    const { tenant, completion } = await service.create({ name: 'acme', idleAfter: '15m' });
    await completion;
    expect(tenant.idleAfterMs).toBe(900_000);
    expect((await service.configure('acme', { idleAfter: 'off' })).idleAfterMs).toBe(0);
    expect((await service.configure('acme', { idleAfter: null })).idleAfterMs).toBeUndefined();
    await expect(service.configure('acme', { idleAfter: 'soon' })).rejects.toThrow('"idleAfter" must be a duration');
    await expect(service.create({ name: 'beta', idleAfter: 5 })).rejects.toThrow('"idleAfter" must be a duration');
  });
});
