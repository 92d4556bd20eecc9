import { describe, expect, it } from 'vitest';
import { controlHostOf, labelOfHost, parsePathForm, tenantAddresses } from './tenant-address.js';

describe('tenant addresses (team issue 16)', () => {
  it.each([
    ['/t/acme', { tenant: 'acme', path: '/', prefix: '/t/acme' }],
    ['/t/ACME/pacts/latest?x=1', { tenant: 'acme', path: '/pacts/latest?x=1', prefix: '/t/acme' }],
    ['/t/acme?x=1', { tenant: 'acme', path: '/?x=1', prefix: '/t/acme' }],
    ['/t/', undefined],
    ['/tenants/acme', undefined],
    ['/pacts', undefined],
  ])('parses the path form %s', (url, expected) => {
    expect(parsePathForm(url)).toEqual(expected);
  });

  it.each([
    ['acme.localhost', 'localhost', 'acme'],
    ['a.b.localhost', 'localhost', 'a.b'],
    ['localhost', 'localhost', undefined],
    ['acmelocalhost', 'localhost', undefined],
    ['acme.example.com', 'localhost', undefined],
  ])('finds the label of %s under %s', (host, suffix, expected) => {
    expect(labelOfHost(host, suffix)).toBe(expected);
  });

  it.each([
    ['acme', 'acme.localhost:8080', 'localhost:8080'],
    ['acme', 'ACME.localhost:8080', 'localhost:8080'],
    ['acme', 'localhost:8080', 'localhost:8080'],
  ])('gives the control host of %s reached at %s', (tenant, host, expected) => {
    expect(controlHostOf(tenant, host)).toBe(expected);
  });

  it('builds both forms on the bound port, every loopback path form for links, and the public URL when there is one', () => {
    const local = tenantAddresses({ domain: 'localhost', publicUrl: undefined }, () => 8080);
    expect(local.urlsFor('acme')).toEqual({ host: 'http://acme.localhost:8080', path: 'http://localhost:8080/t/acme' });
    expect(local.hostFor('acme')).toBe('acme.localhost:8080');
    expect(local.baseUrlsFor('acme')).toEqual([
      'http://acme.localhost:8080',
      'http://localhost:8080/t/acme',
      'http://127.0.0.1:8080/t/acme',
      'http://[::1]:8080/t/acme',
    ]);
    const onPort80 = tenantAddresses({ domain: 'localhost', publicUrl: undefined }, () => 80);
    expect(onPort80.urlsFor('acme').path).toBe('http://localhost/t/acme');
    const behindProxy = tenantAddresses({ domain: 'localhost', publicUrl: new URL('https://brokers.example.com') }, () => 8080);
    expect(behindProxy.baseUrlsFor('acme')).toEqual(['https://acme.brokers.example.com', 'https://brokers.example.com/t/acme']);
  });
});
