import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPortFree, PortAllocator } from './port-allocator.js';

// The bookkeeping tests say every port is free, so that whatever this machine listens on in the
// range cannot decide them; the last test checks the real bind.
describe('PortAllocator', () => {
  it('skips ports that tenants hold', async () => {
    const allocator = new PortAllocator({ first: 20000, last: 20005 }, async () => true);
    expect(await allocator.allocate(new Set([20000, 20001, 20003]))).toBe(20002);
  });

  it('never hands the same port to two creates running at once, and takes back a released one', async () => {
    const allocator = new PortAllocator({ first: 20000, last: 20005 }, async () => true);
    const [first, second] = await Promise.all([allocator.allocate(new Set()), allocator.allocate(new Set())]);
    expect(new Set([first, second])).toEqual(new Set([20000, 20001]));
    allocator.release(20000);
    expect(await allocator.allocate(new Set())).toBe(20000);
  });

  it('hands out a removed tenant\'s port again once the registry had recorded it', async () => {
    const allocator = new PortAllocator({ first: 20000, last: 20005 }, async () => true);
    expect(await allocator.allocate(new Set())).toBe(20000);
    expect(await allocator.allocate(new Set([20000]))).toBe(20001); // 20000 recorded on its tenant
    expect(await allocator.allocate(new Set([20001]))).toBe(20000); // that tenant was removed
  });

  it('says clearly when the range is used up', async () => {
    const allocator = new PortAllocator({ first: 20000, last: 20001 }, async () => true);
    await expect(allocator.allocate(new Set([20000, 20001]))).rejects.toThrow(
      'No free internal port is left in 20000-20001; remove unused tenants or widen PACTSAFS_INTERNAL_PORTS.',
    );
  });

  it('skips a port something else really listens on, and hands it out once it is free', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const allocator = new PortAllocator({ first: port, last: port });
    try {
      expect(await isPortFree(port)).toBe(false);
      await expect(allocator.allocate(new Set())).rejects.toThrow(`No free internal port is left in ${port}-${port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isPortFree(port)).toBe(true);
    expect(await allocator.allocate(new Set())).toBe(port);
  });
});
