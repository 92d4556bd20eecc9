import { describe, expect, it } from 'vitest';
import { hostNameOf } from '../shared/host-name.js';
import { resolveRoute, routeOptionsFor } from './resolve-route.js';

const options = routeOptionsFor({ domain: 'pacts.example.test', controlHosts: ['broker.corp.test'] });

describe('resolveRoute', () => {
  it.each([
    ['acme.localhost:8080', '/', { kind: 'tenant', tenant: 'acme', path: '/' }],
    ['acme.localhost', '/pacts/latest?x=1', { kind: 'tenant', tenant: 'acme', path: '/pacts/latest?x=1' }],
    ['ACME.LocalHost:8080', '/', { kind: 'tenant', tenant: 'acme', path: '/' }],
    ['acme.localhost.:8080', '/', { kind: 'tenant', tenant: 'acme', path: '/' }],
    ['team-2.pacts.example.test', '/x', { kind: 'tenant', tenant: 'team-2', path: '/x' }],
    ['admin.localhost:8080', '/api/tenants', { kind: 'control' }],
    ['admin.pacts.example.test', '/api/tenants', { kind: 'control' }],
    ['pacts.example.test', '/api/tenants', { kind: 'control' }],
    ['localhost:8080', '/api/tenants', { kind: 'control' }],
    ['127.0.0.1:8080', '/', { kind: 'control' }],
    ['[::1]:8080', '/', { kind: 'control' }],
    ['Broker.Corp.Test:443', '/', { kind: 'control' }],
    // A port other than the platform's is fine (a proxy in front); only the name counts.
    ['localhost:9999', '/api/tenants', { kind: 'control' }],
    ['localhost:8080', '/t/acme', { kind: 'tenant', tenant: 'acme', path: '/', prefix: '/t/acme' }],
    ['localhost:8080', '/t/acme/', { kind: 'tenant', tenant: 'acme', path: '/', prefix: '/t/acme' }],
    ['127.0.0.1:8080', '/t/acme/pacts/latest?a=b', { kind: 'tenant', tenant: 'acme', path: '/pacts/latest?a=b', prefix: '/t/acme' }],
    ['broker.corp.test', '/t/acme/x', { kind: 'tenant', tenant: 'acme', path: '/x', prefix: '/t/acme' }],
    ['localhost', '/t/acme?a=b', { kind: 'tenant', tenant: 'acme', path: '/?a=b', prefix: '/t/acme' }],
    ['localhost', '/t/%E0%A4%A/x', { kind: 'tenant', tenant: '%e0%a4%a', path: '/x', prefix: '/t/%e0%a4%a' }],
    ['localhost', '/t/', { kind: 'control' }],
    ['localhost', '/tenants', { kind: 'control' }],
    // Issue 11, defect 2: any other name is refused, path form included (DNS rebinding, links to evil.test).
    ['evil.test', '/api/tenants', { kind: 'unknown-host', host: 'evil.test' }],
    ['evil.test:8080', '/t/acme/pacts', { kind: 'unknown-host', host: 'evil.test' }],
    ['a.b.localhost', '/', { kind: 'unknown-host', host: 'a.b.localhost' }],
    ['.localhost', '/', { kind: 'unknown-host', host: '.localhost' }],
    ['xlocalhost', '/', { kind: 'unknown-host', host: 'xlocalhost' }],
    ['localhost.evil.test', '/api/tenants', { kind: 'unknown-host', host: 'localhost.evil.test' }],
    ['localhost:8080@evil.test', '/', { kind: 'unknown-host', host: 'localhost:8080@evil.test' }],
    ['10.0.0.5:8080', '/api/tenants', { kind: 'unknown-host', host: '10.0.0.5' }],
    [undefined, '/', { kind: 'missing-host' }],
    ['', '/api/tenants', { kind: 'missing-host' }],
  ] as const)('%s %s', (host, url, expected) => {
    expect(resolveRoute(host, url, options)).toEqual(expected);
  });

  it('resolves tenants of a domain under localhost; the domain itself is the control host', () => {
    const underLocalhost = routeOptionsFor({ domain: 'pacts.localhost' });
    expect(resolveRoute('acme.pacts.localhost', '/', underLocalhost)).toEqual({ kind: 'tenant', tenant: 'acme', path: '/' });
    expect(resolveRoute('pacts.localhost', '/api/tenants', underLocalhost)).toEqual({ kind: 'control' });
    expect(resolveRoute('other.localhost', '/', underLocalhost)).toEqual({ kind: 'tenant', tenant: 'other', path: '/' });
  });

  it("answers on PACTSAFS_PUBLIC_URL's host name, for the control plane and for tenants under it", () => {
    const behindProxy = routeOptionsFor({ domain: 'localhost', publicUrl: new URL('https://pacts.example.com:8443') });
    expect(resolveRoute('pacts.example.com', '/api/tenants', behindProxy)).toEqual({ kind: 'control' });
    expect(resolveRoute('pacts.example.com:8443', '/t/acme/x', behindProxy)).toEqual({ kind: 'tenant', tenant: 'acme', path: '/x', prefix: '/t/acme' });
    expect(resolveRoute('acme.pacts.example.com', '/x', behindProxy)).toEqual({ kind: 'tenant', tenant: 'acme', path: '/x' });
    expect(resolveRoute('example.com', '/', behindProxy)).toEqual({ kind: 'unknown-host', host: 'example.com' });
  });

  it.each([
    ['172.18.0.2:8080', '172.18.0.2', { kind: 'control' }],
    ['172.18.0.2', '::ffff:172.18.0.2', { kind: 'control' }],
    ['[fd00::2]:8080', 'fd00::2', { kind: 'control' }],
    ['172.18.0.2:8080', '172.18.0.3', { kind: 'unknown-host', host: '172.18.0.2' }],
    ['evil.test', '::ffff:127.0.0.1', { kind: 'unknown-host', host: 'evil.test' }],
  ] as const)('takes the address the request came in on as a control host: %s on %s', (host, localAddress, expected) => {
    expect(resolveRoute(host, '/api/tenants', options, localAddress)).toEqual(expected);
  });

  it('serves the path form on the address the request came in on', () => {
    expect(resolveRoute('172.18.0.2:8080', '/t/acme/x', options, '172.18.0.2')).toEqual({ kind: 'tenant', tenant: 'acme', path: '/x', prefix: '/t/acme' });
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
