import { describe, expect, it } from 'vitest';
import { headersObject, publicOriginFor, upstreamRawHeaders } from './forwarded-headers.js';

const client = { localPort: 8080, remoteAddress: '127.0.0.1', encrypted: false };

function upstream(raw: string[], options: Partial<Parameters<typeof upstreamRawHeaders>[1]> = {}, upgrade = false) {
  return headersObject(upstreamRawHeaders(raw, { ...client, ...options }, upgrade));
}

describe('upstreamRawHeaders', () => {
  it('sets the forwarded headers from what the gateway saw', () => {
    expect(upstream(['Host', 'acme.localhost:8080', 'Accept', 'application/json'])).toEqual({
      host: 'acme.localhost:8080',
      accept: 'application/json',
      'x-forwarded-host': 'acme.localhost:8080',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '8080',
      'x-forwarded-for': '127.0.0.1',
    });
  });

  it('takes the port from the connection when the Host header has none', () => {
    expect(upstream(['Host', 'acme.localhost'], { localPort: 18080 })['x-forwarded-port']).toBe('18080');
  });

  it('replaces forwarding headers a client sent', () => {
    const headers = upstream([
      'Host', 'acme.localhost:8080', 'X-Forwarded-Host', 'evil.example', 'X-Forwarded-For', '10.9.9.9',
      'X-Forwarded-Prefix', '/evil', 'Forwarded', 'for=1.2.3.4', 'X-Forwarded-Proto', 'https', 'X-Forwarded-Ssl', 'on',
    ]);
    expect(headers['x-forwarded-host']).toBe('acme.localhost:8080');
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers).not.toHaveProperty('x-forwarded-prefix');
    expect(headers).not.toHaveProperty('forwarded');
    expect(headers).not.toHaveProperty('x-forwarded-ssl');
  });

  it('sets the prefix for the path form', () => {
    expect(upstream(['Host', 'localhost:8080'], { prefix: '/t/acme' })['x-forwarded-prefix']).toBe('/t/acme');
  });

  it('drops hop-by-hop headers, including those named in Connection', () => {
    const headers = upstream([
      'Host', 'a.localhost', 'Connection', 'close, X-Secret-Hop', 'Keep-Alive', 'timeout=5', 'X-Secret-Hop', '1',
      'TE', 'trailers', 'Proxy-Connection', 'keep-alive', 'Content-Length', '2',
    ]);
    expect(Object.keys(headers).sort()).toEqual([
      'content-length', 'host', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto',
    ]);
  });

  it('keeps Connection and Upgrade for a WebSocket upgrade', () => {
    const headers = upstream(['Host', 'a.localhost', 'Connection', 'keep-alive, Upgrade', 'Upgrade', 'websocket'], {}, true);
    expect(headers.connection).toBe('Upgrade');
    expect(headers.upgrade).toBe('websocket');
  });

  // Issue 11, defect 4: the dashboard's session cookie (and any other platform cookie) never reaches a tenant.
  it.each([
    ['pactsafs_admin_token=secret', undefined],
    ['pactsafs_session=abc; theme=dark', 'theme=dark'],
    ['theme=dark; pactsafs_session=abc;  lang=en', 'theme=dark; lang=en'],
    ['PACTSAFS_SESSION=abc; a=1', 'a=1'],
    ['a=1; b', 'a=1; b'],
    ['pactsafs=1; my_pactsafs_x=2', 'pactsafs=1; my_pactsafs_x=2'],
    ['', undefined],
  ])("removes the platform's cookies from Cookie: %s", (cookie, expected) => {
    expect(upstream(['Host', 'a.localhost', 'Cookie', cookie]).cookie).toBe(expected);
  });

  it('filters every Cookie header on its own, and keeps them in order', () => {
    const raw = upstreamRawHeaders(
      ['Host', 'a.localhost', 'Cookie', 'pactsafs_session=1', 'Cookie', 'a=1; pactsafs_x=2', 'Cookie', 'b=2'],
      client,
      false,
    );
    expect(raw.slice(0, 6)).toEqual(['Host', 'a.localhost', 'Cookie', 'a=1', 'Cookie', 'b=2']);
  });

  // Team issue 16: the broker UI's header names the tenant and links back to its dashboard page.
  it('names the tenant and its dashboard page on the origin its links use, replacing what a client sent', () => {
    const forged = ['X-Pactsafs-Tenant', 'evil', 'X-Pactsafs-Dashboard', 'https://evil.example'];
    expect(upstream(['Host', 'acme.localhost:8080', ...forged], { tenant: 'acme' })).toMatchObject({
      'x-pactsafs-tenant': 'acme',
      'x-pactsafs-dashboard': 'http://localhost:8080/tenants/acme',
    });
    expect(upstream(['Host', '127.0.0.1:8080'], { tenant: 'acme', prefix: '/t/acme' })['x-pactsafs-dashboard']).toBe('http://127.0.0.1:8080/tenants/acme');
    const behindProxy = { tenant: 'acme', publicOrigin: publicOriginFor(new URL('https://pacts.example.com'), 'acme', undefined) };
    expect(upstream(['Host', 'acme.localhost:8080'], behindProxy)['x-pactsafs-dashboard']).toBe('https://pacts.example.com/tenants/acme');
    expect(upstream(['Host', 'acme.localhost:8080', ...forged])).not.toHaveProperty('x-pactsafs-tenant');
  });

  it("takes PACTSAFS_PUBLIC_URL's origin, whatever the client used", () => {
    const behindProxy = { publicOrigin: publicOriginFor(new URL('https://pacts.example.com'), 'acme', undefined) };
    expect(upstream(['Host', 'acme.localhost:8080'], behindProxy)).toMatchObject({
      'x-forwarded-host': 'acme.pacts.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
    });
    const pathForm = { prefix: '/t/acme', publicOrigin: publicOriginFor(new URL('http://pacts.example.com:8000'), 'acme', '/t/acme') };
    expect(upstream(['Host', 'localhost:8080'], pathForm)).toMatchObject({
      'x-forwarded-host': 'pacts.example.com:8000',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '8000',
      'x-forwarded-prefix': '/t/acme',
    });
  });
});
