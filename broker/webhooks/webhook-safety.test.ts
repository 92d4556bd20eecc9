import { isIP } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackListener } from '../test-support/loopback-listener.js';
import { hostMatchesWhitelist } from './host-whitelist.js';
import { cgiEscape, render, renderWithPlaceholder } from './template.js';
import { deliver, WebhookRefusedError } from './webhook-delivery.js';

describe('hostMatchesWhitelist', () => {
  it.each([
    ['github.com', ['github.com'], true],
    ['api.github.com', ['github.com'], false],
    ['api.github.com', ['*.github.com'], true],
    ['a.b.github.com', ['*.github.com'], false],
    ['github.com', ['*.github.com'], false],
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['11.1.2.3', ['10.0.0.0/8'], false],
    ['127.0.0.1', ['127.0.0.1'], true],
    ['[::1]', ['::1'], true],
    ['127.0.0.1', ['localhost'], false],
  ])('%s in %j → %s', (host, whitelist, expected) => {
    expect(hostMatchesWhitelist(host, whitelist)).toBe(expected);
  });
});

describe('template rendering', () => {
  const parameters = { 'pactbroker.consumerName': 'Foo Bar', 'pactbroker.consumerVersionTags': 'dev, prod' };
  it.each([
    ['${pactbroker.consumerName} ${pactbroker.consumerVersionTags}', undefined, 'Foo Bar dev, prod'],
    ['https://ci/x?c=${pactbroker.consumerName}&t=${pactbroker.consumerVersionTags}', cgiEscape, 'https://ci/x?c=Foo+Bar&t=dev%2C+prod'],
    ['${pactbroker.unknown}', undefined, '${pactbroker.unknown}'],
  ])('%s', (template, escape, expected) => {
    expect(render(template, parameters, escape)).toBe(expected);
  });

  it('puts one placeholder in for every parameter, to check URLs without a pact', () => {
    expect(renderWithPlaceholder('https://${pactbroker.a}/x/${pactbroker.b}', 'p')).toBe('https://p/x/p');
  });
});

describe('deliver', () => {
  const hook = (url: string) => ({ method: 'POST', url: new URL(url), headers: {}, body: '{}' });
  const options = { timeoutMs: 5000, trustedHost: false, ownEndpoints: [] };
  const pinnedTo = (address: string) => async () => [{ address, family: isIP(address) }];
  const listeners: LoopbackListener[] = [];
  const listen = async (host: string, port?: number) => {
    const listener = new LoopbackListener(host);
    listeners.push(listener);
    await listener.start(port);
    return listener;
  };
  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((listener) => listener.stop()));
  });

  it('refuses a host when any of its addresses is internal, before connecting', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const refused = deliver(hook('http://rebind.example/hook'), { ...options, lookup });
    await expect(refused).rejects.toBeInstanceOf(WebhookRefusedError);
    await expect(refused).rejects.toThrow('Webhook request to rebind.example refused: it resolves to 127.0.0.1, a loopback address.');
  });

  it('names the IPv4 address an IPv6 address embeds', async () => {
    const target = await listen('127.0.0.1');
    const refused = deliver(hook(`https://[::ffff:127.0.0.1]:${target.port}/`), options);
    await expect(refused).rejects.toThrow('Webhook request to ::ffff:7f00:1 refused: it resolves to ::ffff:7f00:1 (IPv4 127.0.0.1), a loopback address.');
    expect(target.connections).toBe(0);
  });

  it.each(['http', 'https'])('connects over %s to exactly the address it checked, IPv4 and IPv6', async (scheme) => {
    for (const address of ['127.0.0.1', '::1']) {
      const target = await listen(address);
      // The name resolves nowhere: only the pinned address can be reached (https fails later, on the certificate).
      await deliver(hook(`${scheme}://pinned.invalid:${target.port}/`), { ...options, trustedHost: true, lookup: pinnedTo(address) }).catch(() => undefined);
      expect(target.connections, address).toBe(1);
    }
  });

  it('opens a connection of its own for each delivery: a pooled one leads to the address checked before', async () => {
    const first = await listen('127.0.0.1');
    const second = await listen('127.0.0.2', first.port);
    for (const target of [first, second]) {
      const delivered = await deliver(hook(`http://pool.invalid:${first.port}/`), { ...options, trustedHost: true, lookup: pinnedTo(target.host) });
      expect(delivered.body).toBe('reached');
    }
    expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:PORT/'],
    ['127.0.0.1', 'http://[::ffff:127.0.0.1]:PORT/'],
    ['127.0.0.1', 'http://0.0.0.0:PORT/'],
    ['0.0.0.0', 'http://127.0.0.1:PORT/'],
    ['::', 'http://[::ffff:7f00:1]:PORT/'],
    ['localhost', 'http://127.0.0.1:PORT/'],
  ])('never reaches its own server listening on %s, even for a whitelisted host: %s', async (host, url) => {
    const target = await listen('127.0.0.1');
    const ownEndpoints = [{ host, port: target.port }];
    const refused = deliver(hook(url.replace('PORT', String(target.port))), { ...options, trustedHost: true, ownEndpoints });
    await expect(refused).rejects.toThrow(`refused: port ${target.port} of `);
    await expect(refused).rejects.toThrow("is where this broker's own server listens (the platform's gateway), which webhooks never reach, whatever the webhook host whitelist says.");
    expect(target.connections).toBe(0);
  });

  it('reaches a whitelisted host on another port of the same address', async () => {
    const target = await listen('127.0.0.1');
    const ownEndpoints = [{ host: '127.0.0.1', port: target.port === 65535 ? 1 : target.port + 1 }];
    expect((await deliver(hook(`http://127.0.0.1:${target.port}/`), { ...options, trustedHost: true, ownEndpoints })).status).toBe(200);
  });

  it('refuses a scheme other than http and https with a sentence', async () => {
    await expect(deliver(hook('ftp://ci.example/x'), options)).rejects.toThrow('Webhook request to ci.example refused: only http and https URLs are delivered.');
  });
});
