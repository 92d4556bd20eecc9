/**
 * The gateway's host names on the real platform (issue 11, defects 2, 9 and 10): names it does not
 * serve are refused, `PACTSAFS_CONTROL_HOSTS` adds some, malformed requests get an answer, and behind
 * `PACTSAFS_PUBLIC_URL` tenants' resources and broker links take the public origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allHrefs, httpRequest } from '../support/http-client.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { sendRaw } from '../support/raw-http.js';

describe('the gateway behind a public URL, on its own host names', () => {
  let started: StartedPlatform;
  let port: number;

  beforeAll(async () => {
    started = await startPlatform({ PACTSAFS_PUBLIC_URL: 'https://pacts.example.com', PACTSAFS_CONTROL_HOSTS: 'broker.corp.test' });
    ({ port } = started);
  });

  afterAll(async () => {
    await started?.close();
  });

  it('refuses a host name it does not serve, and serves the control plane on its own', async () => {
    const rebinding = await httpRequest(port, { path: '/api/tenants', host: `evil.test:${port}` });
    expect(rebinding.status).toBe(421);
    expect(rebinding.json().detail).toContain('PACTSAFS_CONTROL_HOSTS');
    expect(rebinding.body).not.toContain('"tenants"');
    for (const host of [`localhost:${port}`, 'broker.corp.test', 'pacts.example.com']) {
      expect((await httpRequest(port, { path: '/api/health', host })).json()).toMatchObject({ status: 'ok' });
    }
  });

  it('answers a request with Content-Length and Transfer-Encoding with 400, then closes', async () => {
    const answer = await sendRaw(port, 'POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Connection: close');
  });

  it("gives a tenant the public URL's addresses, and its broker links under them", async () => {
    const created = await httpRequest(port, { method: 'POST', path: '/api/tenants', headers: { 'Content-Type': 'application/json' }, body: '{"name":"acme"}' });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ url: 'https://acme.pacts.example.com', urls: { host: 'https://acme.pacts.example.com', path: 'https://pacts.example.com/t/acme' } });

    const byHost = await httpRequest(port, { path: '/', host: `acme.localhost:${port}`, headers: { Accept: 'application/hal+json' } });
    expect(byHost.status).toBe(200);
    const hostLinks = allHrefs(byHost.json());
    expect(hostLinks.length).toBeGreaterThan(5);
    for (const href of hostLinks) expect(href).toMatch(/^https:\/\/acme\.pacts\.example\.com(\/|$)/);

    const byPath = await httpRequest(port, { path: '/t/acme/', host: `127.0.0.1:${port}`, headers: { Accept: 'application/hal+json' } });
    expect(byPath.status).toBe(200);
    const pathLinks = allHrefs(byPath.json());
    expect(pathLinks.length).toBeGreaterThan(5);
    for (const href of pathLinks) expect(href).toMatch(/^https:\/\/pacts\.example\.com\/t\/acme(\/|$)/);
  });
});
