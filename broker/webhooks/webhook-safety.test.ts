import { describe, expect, it } from 'vitest';
import { forbiddenAddressKind } from './address-safety.js';
import { hostMatchesWhitelist } from './host-whitelist.js';
import { cgiEscape, render, renderWithPlaceholder } from './template.js';
import { deliver, WebhookRefusedError } from './webhook-delivery.js';

describe('forbiddenAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.20.0.5', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12::1', 'private'],
    ['8.8.8.8', undefined],
    ['172.32.0.1', undefined],
    ['2606:4700::1111', undefined],
  ])('%s → %s', (address, kind) => {
    expect(forbiddenAddressKind(address)).toBe(kind);
  });
});

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
  const request = { method: 'POST', url: new URL('http://rebind.example/hook'), headers: {}, body: '{}' };
  it('refuses a host when any of its addresses is internal, before connecting', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const refused = deliver(request, { timeoutMs: 1000, trustedHost: false, lookup });
    await expect(refused).rejects.toBeInstanceOf(WebhookRefusedError);
    await expect(refused).rejects.toThrow('Webhook request to rebind.example refused: it resolves to 127.0.0.1, a loopback address.');
  });
});
