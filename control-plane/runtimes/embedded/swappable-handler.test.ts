import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SwappableHandler } from './swappable-handler.js';

describe('SwappableHandler, behind a real HTTP server', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const serve = async (handler: SwappableHandler) => {
    server = http.createServer(handler.handle);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).text();
  };

  it('lets requests in flight finish on the old handler, holds new ones during the swap, then sends all to the new one', async () => {
    const held: ServerResponse[] = [];
    const handler = new SwappableHandler((req, res) => (req.url === '/slow' ? held.push(res) : res.end('old')));
    const get = await serve(handler);
    expect(await get('/')).toBe('old');

    const slow = get('/slow');
    await expect.poll(() => held.length).toBe(1);
    let replaced = false;
    const swap = handler.swap(async () => {
      replaced = true;
      return (_req, res) => res.end('new');
    });
    const duringSwap = get('/');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replaced).toBe(false); // the slow request is still in flight
    held[0]!.end('old, finished');
    expect(await slow).toBe('old, finished');
    await swap;
    expect(await duringSwap).toBe('new');
    expect(await get('/')).toBe('new');
  });

  it('keeps the old handler when the replacement fails, and serves the requests that waited', async () => {
    const handler = new SwappableHandler((_req, res) => res.end('old'));
    const get = await serve(handler);
    await expect(handler.swap(async () => Promise.reject(new Error('could not reopen')))).rejects.toThrow('could not reopen');
    expect(await get('/')).toBe('old');
  });
});
