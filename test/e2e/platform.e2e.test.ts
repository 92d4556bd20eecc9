/**
 * The foundation end to end: the real platform in its own process, tenants over REST, and the
 * official pact CLI publishing through the gateway (issue "Platform foundation").
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHostsEntries, canEditHosts } from '../support/etc-hosts.js';
import { allHrefs, httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { freePort, runPlatformExpectingExit, startPlatform, type StartedPlatform } from '../support/platform-process.js';

const json = { 'Content-Type': 'application/json' };

describe('the platform, end to end', () => {
  let started: StartedPlatform;
  let port: number;
  let dataDir: string;
  let removeHosts: (() => Promise<void>) | undefined;
  const api = (method: string, apiPath: string, body?: unknown) =>
    httpRequest(port, { method, path: apiPath, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const tenantGet = (tenant: string, tenantPath: string) =>
    httpRequest(port, { path: tenantPath, host: `${tenant}.localhost:${port}`, headers: { Accept: 'application/hal+json' } });

  beforeAll(async () => {
    started = await startPlatform();
    ({ port, dataDir } = started);
  });

  afterAll(async () => {
    await started?.close();
    await removeHosts?.();
  });

  it('creates two tenants over REST, each serving at once', async () => {
    const created = await api('POST', '/api/tenants', { name: 'alpha' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/api/tenants/alpha');
    expect(created.json()).toMatchObject({
      name: 'alpha',
      state: 'running',
      runtime: 'embedded',
      url: `http://alpha.localhost:${port}`,
      urls: { host: `http://alpha.localhost:${port}`, path: `http://localhost:${port}/t/alpha` },
      lastBackupAt: null,
      reason: null,
    });
    const beta = await api('POST', '/api/tenants', { name: 'beta', webhookHostWhitelist: ['ci.example.com'], webhookSchemeWhitelist: ['http', 'https'] });
    expect(beta.status).toBe(201);
    expect(beta.json()).toMatchObject({ webhookHostWhitelist: ['ci.example.com'], webhookSchemeWhitelist: ['http', 'https'] });
    expect(created.json()).toMatchObject({ webhookHostWhitelist: [], webhookSchemeWhitelist: ['https'] });
    for (const tenant of ['alpha', 'beta']) expect((await tenantGet(tenant, '/diagnostic/status/heartbeat')).json()).toMatchObject({ ok: true });
    const list = await api('GET', '/api/tenants');
    expect(list.json().tenants.map((t: { name: string }) => t.name)).toEqual(['alpha', 'beta']);
  });

  it('publishes with the official CLI through the path form', async () => {
    const dir = path.join(dataDir, 'pacts-path');
    await writePactFile(dir, 'Web', 'Orders');
    const base = `http://127.0.0.1:${port}/t/alpha`;
    const result = await pactBroker(['publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--broker-base-url', base]);
    expect(result.stderr + result.stdout).toContain(`View the published pact at ${base}/pacts/provider/Orders/consumer/Web/version/1.0.0`);
    expect(result.code).toBe(0);
  });

  it('publishes with the official CLI through the host form (/etc/hosts line)', async (context) => {
    if (!canEditHosts()) {
      if (process.env.CI === 'true') throw new Error('CI must run as root to test the host form with an /etc/hosts line.');
      context.skip();
    }
    removeHosts = await addHostsEntries(['alpha.localhost']);
    const dir = path.join(dataDir, 'pacts-host');
    await writePactFile(dir, 'Mobile', 'Orders');
    const base = `http://alpha.localhost:${port}`;
    const result = await pactBroker(['publish', dir, '--consumer-app-version', '2.0.0', '--branch', 'main', '--broker-base-url', base]);
    expect(result.stderr + result.stdout).toContain(`View the published pact at ${base}/pacts/provider/Orders/consumer/Mobile/version/2.0.0`);
    expect(result.code).toBe(0);
    const listed = await pactBroker(['list-latest-pact-versions', '--broker-base-url', base]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/"Web"\s*┆\s*"1\.0\.0"\s*┆\s*"Orders"/);
    expect(listed.stdout).toMatch(/"Mobile"\s*┆\s*"2\.0\.0"\s*┆\s*"Orders"/);
  });

  it('reads the pact back through both forms, every link pointing at the address used', async () => {
    const pactPath = '/pacts/provider/Orders/consumer/Web/version/1.0.0';
    const byHost = await tenantGet('alpha', pactPath);
    expect(byHost.status).toBe(200);
    const hostLinks = allHrefs(byHost.json());
    expect(hostLinks.length).toBeGreaterThan(10);
    for (const href of hostLinks) expect(href).toMatch(new RegExp(`^http://alpha\\.localhost:${port}/`));

    const byPath = await httpRequest(port, { path: `/t/alpha${pactPath}`, host: `127.0.0.1:${port}` });
    expect(byPath.json().interactions[0].description).toBe('a request for things');
    const pathLinks = allHrefs(byPath.json());
    for (const href of pathLinks) expect(href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/t/alpha/`));
  });

  it('keeps tenants apart: beta sees no pacticipants', async () => {
    const beta = await tenantGet('beta', '/pacticipants');
    expect(beta.status).toBe(200);
    expect(beta.json()._embedded?.pacticipants ?? []).toEqual([]);
    // Mobile is there too when the host-form test ran (root only).
    const alphaNames = (await tenantGet('alpha', '/pacticipants')).json()._embedded.pacticipants.map((p: { name: string }) => p.name);
    expect(alphaNames).toEqual(expect.arrayContaining(['Orders', 'Web']));
  });

  it('stopping answers 503 with Retry-After; starting serves the same data again', async () => {
    expect((await api('POST', '/api/tenants/alpha/stop')).json().state).toBe('stopped');
    const stopped = await tenantGet('alpha', '/');
    expect(stopped.status).toBe(503);
    expect(stopped.headers['retry-after']).toBe('30');
    expect((await api('POST', '/api/tenants/alpha/start')).json().state).toBe('running');
    expect((await tenantGet('alpha', '/pacts/provider/Orders/consumer/Web/latest')).status).toBe(200);
  });

  it('refuses a second platform on the same data dir with a clear message', async () => {
    const second = await runPlatformExpectingExit(await freePort(), dataDir);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/Another Pact Broker SafS \(pid \d+\) is already using the data directory/);
  });

  it('comes back after SIGKILL with every tenant in its state and its data', async () => {
    expect((await api('POST', '/api/tenants/beta/stop')).json().state).toBe('stopped');
    await started.platform.stop('SIGKILL');
    await started.platform.start();
    const tenants = (await api('GET', '/api/tenants')).json().tenants;
    expect(tenants.map((t: { name: string; state: string }) => [t.name, t.state])).toEqual([
      ['alpha', 'running'],
      ['beta', 'stopped'],
    ]);
    const pact = await tenantGet('alpha', '/pacts/provider/Orders/consumer/Web/version/1.0.0');
    expect(pact.status).toBe(200);
    expect(pact.json().consumer.name).toBe('Web');
    expect((await api('POST', '/api/tenants/beta/start')).json().state).toBe('running');
    const betaPacticipants = await tenantGet('beta', '/pacticipants');
    expect(betaPacticipants.status).toBe(200);
    expect(betaPacticipants.json()._embedded?.pacticipants ?? []).toEqual([]);
  });

  it('answers bad requests with the documented 4xx and changes nothing', async () => {
    const before = (await api('GET', '/api/tenants')).body;
    const cases: Array<[string, string, string | undefined, Record<string, string>, number, RegExp]> = [
      ['POST', '/api/tenants', JSON.stringify({ name: 'Bad_Name' }), json, 400, /only lowercase letters, digits and hyphens/],
      ['POST', '/api/tenants', JSON.stringify({ name: '-edge' }), json, 400, /may not start or end with a hyphen/],
      ['POST', '/api/tenants', JSON.stringify({ name: 'x'.repeat(41) }), json, 400, /the limit is 40/],
      ['POST', '/api/tenants', JSON.stringify({ name: 'admin' }), json, 400, /reserved/],
      ['POST', '/api/tenants', JSON.stringify({}), json, 400, /needs a name/],
      ['POST', '/api/tenants', JSON.stringify({ name: 'alpha' }), json, 409, /already exists/],
      ['POST', '/api/tenants', '{"name": "gamma"', json, 400, /not valid JSON/],
      ['POST', '/api/tenants', 'name=gamma', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, /as JSON/],
      ['POST', '/api/tenants', JSON.stringify({ name: 'gamma', nmae: 'x' }), json, 400, /Unknown field "nmae"/],
      ['POST', '/api/tenants', JSON.stringify({ name: 'gamma', webhookSchemeWhitelist: ['ftp'] }), json, 400, /"ftp" is not allowed/],
      ['GET', '/api/tenants/nobody', undefined, {}, 404, /no tenant named "nobody"/],
      ['POST', '/api/tenants/nobody/stop', undefined, {}, 404, /no tenant named "nobody"/],
      ['DELETE', '/api/tenants/nobody', undefined, {}, 404, /no tenant named "nobody"/],
    ];
    for (const [method, apiPath, body, headers, status, detail] of cases) {
      const answer = await httpRequest(port, { method, path: apiPath, body, headers });
      expect({ method, apiPath, body, status: answer.status }).toEqual({ method, apiPath, body, status });
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.json().detail).toMatch(detail);
    }
    const unknownTenant = await tenantGet('nobody', '/');
    expect(unknownTenant.status).toBe(404);
    expect((await api('GET', '/api/tenants')).body).toBe(before);
  });

  it('serves a tenant broker log: requests it answered, and a clear 400 for a database log it does not have', async () => {
    const logs = await api('GET', '/api/tenants/alpha/logs?tail=50');
    expect(logs.status).toBe(200);
    expect(logs.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(logs.body).toContain('/pacts/provider/Orders/consumer/Web/version/1.0.0');
    const db = await api('GET', '/api/tenants/alpha/logs?role=db');
    expect(db.status).toBe(400);
    expect(db.json().detail).toMatch(/runs embedded: its database is the SQLite file/);
  });

  it('removes a tenant and its data', async () => {
    expect((await api('DELETE', '/api/tenants/beta')).status).toBe(204);
    expect((await tenantGet('beta', '/')).status).toBe(404);
    // Other suites may leave labelled containers meanwhile: only this platform's data dir is checked.
    const orphans = (await api('GET', '/api/orphans')).json().orphans;
    expect(orphans.filter((orphan: { runtime: string }) => orphan.runtime === 'embedded')).toEqual([]);
    const again = await api('POST', '/api/tenants', { name: 'beta' });
    expect(again.status).toBe(201);
    const fresh = await tenantGet('beta', '/pacticipants');
    expect(fresh.status).toBe(200);
    expect(fresh.json()._embedded?.pacticipants ?? []).toEqual([]);
  });
});
