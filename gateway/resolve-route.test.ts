import { describe, expect, it } from 'vitest';
import { hostNameOf } from '../shared/host-name.js';
import { resolveRoute } from './resolve-route.js';

const options = { domain: 'pacts.example.test' };

describe('resolveRoute', () => {
  it.each([
    ['acme.localhost:8080', '/', { kind: 'tenant', tenant: 'acme', path: '/' }],
    ['acme.localhost', '/pacts/latest?x=1', { kind: 'tenant', tenant: 'acme', path: '/pacts/latest?x=1' }],
    ['ACME.LocalHost:8080', '/', { kind: 'tenant', tenant: 'acme', path: '/' }],
    ['acme.localhost.:8080', '/', { kind: 'tenant', tenant: 'acme', path: '/' }],
    ['team-2.pacts.example.test', '/x', { kind: 'tenant', tenant: 'team-2', path: '/x' }],
    ['admin.localhost:8080', '/api/tenants', { kind: 'control' }],
    ['localhost:8080', '/api/tenants', { kind: 'control' }],
    ['127.0.0.1:8080', '/', { kind: 'control' }],
    ['[::1]:8080', '/', { kind: 'control' }],
    ['a.b.localhost', '/', { kind: 'control' }],
    [undefined, '/', { kind: 'control' }],
    ['localhost:8080', '/t/acme', { kind: 'tenant', tenant: 'acme', path: '/', prefix: '/t/acme' }],
    ['localhost:8080', '/t/acme/', { kind: 'tenant', tenant: 'acme', path: '/', prefix: '/t/acme' }],
    ['127.0.0.1:8080', '/t/acme/pacts/latest?a=b', { kind: 'tenant', tenant: 'acme', path: '/pacts/latest?a=b', prefix: '/t/acme' }],
    ['localhost', '/t/acme?a=b', { kind: 'tenant', tenant: 'acme', path: '/?a=b', prefix: '/t/acme' }],
    ['localhost', '/t/%E0%A4%A/x', { kind: 'tenant', tenant: '%e0%a4%a', path: '/x', prefix: '/t/%e0%a4%a' }],
    ['localhost', '/t/', { kind: 'control' }],
    ['localhost', '/tenants', { kind: 'control' }],
  ] as const)('%s %s', (host, url, expected) => {
    expect(resolveRoute(host, url, options)).toEqual(expected);
  });

  it('resolves tenants of a domain under localhost, and leaves bare suffixes to the control plane', () => {
    const underLocalhost = { domain: 'pacts.localhost' };
    expect(resolveRoute('acme.pacts.localhost', '/', underLocalhost)).toEqual({ kind: 'tenant', tenant: 'acme', path: '/' });
    expect(resolveRoute('pacts.localhost', '/', underLocalhost)).toEqual({ kind: 'tenant', tenant: 'pacts', path: '/' });
    expect(resolveRoute('.localhost', '/', underLocalhost)).toEqual({ kind: 'control' });
    expect(resolveRoute('xlocalhost', '/', { domain: 'localhost' })).toEqual({ kind: 'control' });
  });

  it('the host form wins over a path that looks like the path form', () => {
    expect(resolveRoute('acme.localhost', '/t/other/x', options)).toEqual({ kind: 'tenant', tenant: 'acme', path: '/t/other/x' });
  });
});

describe('hostNameOf', () => {
  it.each([
    ['Example.COM:80', 'example.com'],
    ['[::1]:8080', '::1'],
    ['[::1]', '::1'],
    ['localhost', 'localhost'],
    ['', ''],
  ])('%s → %s', (header, expected) => {
    expect(hostNameOf(header)).toBe(expected);
  });
});
