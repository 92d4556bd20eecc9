import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { reachesOwnEndpoint } from './own-endpoints.js';

/** An address of one of this machine's interfaces other than loopback, if it has one. */
const interfaceAddress = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && !info.internal)?.address;

describe('reachesOwnEndpoint', () => {
  it.each([
    ['127.0.0.1', 8080, '127.0.0.1', true],
    ['127.0.0.1', 8081, '127.0.0.1', false],
    ['::ffff:127.0.0.1', 8080, '127.0.0.1', true],
    ['::ffff:7f00:1', 8080, '127.0.0.1', true],
    ['0.0.0.0', 8080, '127.0.0.1', true],
    ['127.0.0.2', 8080, '127.0.0.1', false],
    ['::1', 8080, '127.0.0.1', false],
    ['::1', 8080, '::1', true],
    ['0:0:0:0:0:0:0:1', 8080, '::1', true],
    ['::', 8080, '::1', true],
    ['127.0.0.2', 8080, '0.0.0.0', true],
    ['::1', 8080, '0.0.0.0', true],
    ['::ffff:127.0.0.9', 8080, '::', true],
    ['127.0.0.1', 8080, 'localhost', true],
    ['8.8.8.8', 8080, '0.0.0.0', false],
    ['2606:4700::1111', 8080, '::', false],
  ])('%s port %d, listening on %s → %s', (address, port, host, expected) => {
    expect(reachesOwnEndpoint(address, port, [{ host, port: 8080 }])).toBe(expected);
  });

  it.runIf(interfaceAddress)('counts the addresses of every interface when listening on all of them', () => {
    expect(reachesOwnEndpoint(interfaceAddress!, 8080, [{ host: '::', port: 8080 }])).toBe(true);
    expect(reachesOwnEndpoint(interfaceAddress!, 8080, [{ host: '127.0.0.1', port: 8080 }])).toBe(false);
  });
});
