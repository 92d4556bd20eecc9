import { appendFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hono } from 'hono';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the dashboard', () => {
  const bed = useEmbeddedTestBed();
  let app: Hono;
  let service: TenantService;

  const appWith = async (adminToken?: string) => {
    const made = await testControlPlane(bed.dir, bed.runtime, adminToken);
    service = made.service;
    return made.app;
  };
  /** A browser's cookie jar, enough for one origin. */
  let cookies: Map<string, string>;
  const remember = (answer: Response) => {
    for (const line of answer.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return answer;
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const get = async (path: string) => remember(await app.request(path, { headers: { Accept: BROWSER_ACCEPT, Cookie: cookieHeader() } }));
  const post = async (path: string, fields: Record<string, string>, headers: Record<string, string> = { Origin: 'http://localhost' }) =>
    remember(await app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookieHeader(), ...headers } }));
  /** The page a post redirects to, as the browser shows it next. */
  const follow = async (answer: Response) => {
    expect(answer.status).toBe(303);
    return (await get(answer.headers.get('Location')!)).text();
  };
  const apiCreate = (name: string) =>
    app.request('/api/tenants', { method: 'POST', body: JSON.stringify({ name }), headers: { 'Content-Type': 'application/json' } });
  const stateOf = async (name: string) => ((await (await app.request(`/api/tenants/${name}`)).json()) as { state: string }).state;

  beforeEach(async () => {
    cookies = new Map();
    app = await appWith();
  });

  afterEach(async () => {
    // Creations the forms started without waiting (?wait=false) finish before their files go.
    await vi.waitFor(() => expect(service.list().filter((tenant) => tenant.state === 'creating')).toEqual([]));
  });

  it('answers the JSON index to API clients and the dashboard to browsers', async () => {
    for (const accept of ['application/json', '*/*', undefined]) {
      const answer = await app.request('/', { headers: accept ? { Accept: accept } : {} });
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await answer.json()).toMatchObject({ name: 'Pact Broker SafS', _links: { tenants: { href: '/api/tenants' } } });
    }
    const page = await get('/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('No tenants yet');
  });

  it('lists tenants with state, runtime, both addresses and the size of their data', async () => {
    expect((await apiCreate('acme')).status).toBe(201);
    await app.request('/api/tenants/acme/stop', { method: 'POST' });
    const html = await (await get('/')).text();
    expect(html).toContain('<tr data-tenant="acme" data-state="stopped">');
    expect(html).toContain('<span class="state state-stopped">stopped</span>');
    expect(html).toContain('href="http://localhost:8080/t/acme/"');
    expect(html).toContain('<span class="url">http://<wbr/>acme.<wbr/>localhost:8080</span>');
    expect(html).toMatch(/data-label="Data size">\d+(\.\d)? KiB</);
    // The create form offers the runtimes the platform has: here only embedded.
    expect(html).toContain('<option value="embedded">embedded (default)</option>');
    expect(html).not.toContain('<option value="docker"');
    expect(html).toContain('action="/tenants/acme/start"');
    const rows = await (await get('/tenant-rows')).text();
    expect(rows).toMatch(/^<tr data-tenant="acme"/);
  });

  it('creates, stops and starts through forms, redirecting with a flash shown once', async () => {
    const created = await post('/tenants', { name: 'acme', runtime: '' });
    expect(created.headers.get('Location')).toBe('/');
    expect(await follow(created)).toContain('Creating &quot;acme&quot;…');
    await vi.waitFor(async () => expect(await stateOf('acme')).toBe('running'));
    expect(await (await get('/')).text()).not.toContain('Creating &quot;acme&quot;');

    await apiCreate('beta'); // answers once its creation has finished: no operation in progress
    const stopped = await post('/tenants/beta/stop', { back: '/tenants/beta' });
    expect(stopped.headers.get('Location')).toBe('/tenants/beta');
    expect(await follow(stopped)).toContain('Stopped &quot;beta&quot;');
    expect(await stateOf('beta')).toBe('stopped');
    const started = await post('/tenants/beta/start', { back: '//evil.example' });
    expect(started.headers.get('Location')).toBe('/');
    expect(await follow(started)).toContain('Started &quot;beta&quot;.');
    expect(await stateOf('beta')).toBe('running');
  });

  it("shows the server's detail when the API refuses, and changes nothing", async () => {
    const page = await follow(await post('/tenants', { name: 'Bad_Name' }));
    expect(page).toContain('class="flash flash-error"');
    expect(page).toContain('only lowercase letters, digits and hyphens');
    await apiCreate('acme');
    expect(await follow(await post('/tenants', { name: 'acme' }))).toContain('A tenant named &quot;acme&quot; already exists.');
    expect(await follow(await post('/tenants/nobody/stop', {}))).toContain('There is no tenant named &quot;nobody&quot;.');
    const missing = await get('/tenants/nobody');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no tenant named &quot;nobody&quot;.');
  });

  it('asks before a removal without JavaScript, then removes', async () => {
    await apiCreate('acme');
    const unconfirmed = await post('/tenants/acme/remove', { back: '/', confirmed: '' });
    expect(unconfirmed.headers.get('Location')).toBe('/tenants/acme/remove?back=%2F');
    const confirmation = await follow(unconfirmed);
    expect(confirmation).toContain('Remove acme?');
    expect(confirmation).toContain('<input type="hidden" name="confirmed" value="yes"/>');
    expect(await stateOf('acme')).toBe('running');
    expect(await follow(await post('/tenants/acme/remove', { back: '/tenants/acme', confirmed: 'yes' }))).toContain('Removed &quot;acme&quot; and its data.');
    expect((await app.request('/api/tenants/acme')).status).toBe(404);
  });

  it('refuses a cross-site form post and one without Origin or Sec-Fetch-Site', async () => {
    const crossSite: Array<Record<string, string>> = [{ Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'http://evil.example' }, {}];
    for (const headers of crossSite) {
      const answer = await post('/tenants', { name: 'acme' }, headers);
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain('This form was sent from another site');
    }
    expect((await post('/tenants', { name: 'beta' }, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303);
    expect(((await (await app.request('/api/tenants')).json()) as { tenants: Array<{ name: string }> }).tenants.map((t) => t.name)).toEqual(['beta']);
  });

  it('signs in with the admin token into an HttpOnly SameSite=Strict session cookie that /api itself ignores', async () => {
    app = await appWith('s3cret');
    const signIn = await get('/');
    expect(signIn.status).toBe(401);
    expect(await signIn.text()).toContain('name="token"');
    expect(await follow(await post('/sign-in', { token: 'wrong' }))).toContain('The platform refused that admin token.');
    expect(await follow(await post('/tenants', { name: 'acme' }))).toContain('Sign in with the admin token first.');

    const signedIn = await post('/sign-in', { token: 's3cret' });
    const sessionCookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('pactsafs_session='));
    expect(sessionCookie).toMatch(/^pactsafs_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(await follow(signedIn)).toContain('Signed in.');
    expect(await follow(await post('/tenants', { name: 'acme' }))).toContain('Creating &quot;acme&quot;…');
    const apiWithCookie = await app.request('/api/tenants', { headers: { Cookie: cookieHeader() } });
    expect(apiWithCookie.status).toBe(401);

    const signedOut = await follow(await post('/sign-out', {}));
    expect(signedOut).toContain('Signed out.');
    expect(signedOut).toContain('name="token"');
  });

  it('refuses a state change without a same-origin Origin or Sec-Fetch-Site, whatever its content type (issue 11)', async () => {
    await apiCreate('acme');
    const stop = (headers: Record<string, string>, body = '{}') =>
      app.request('/tenants/acme/stop', { method: 'POST', body, headers: { Cookie: cookieHeader(), ...headers } });
    const refusedHeaders: Array<Record<string, string>> = [
      { 'Content-Type': 'application/json' },
      { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      { 'Content-Type': 'application/octet-stream', 'Sec-Fetch-Site': 'same-site', Origin: 'http://acme.localhost' },
      { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin', Origin: 'http://evil.example' },
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' },
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' },
      { 'Sec-Fetch-Site': 'none' },
    ];
    for (const headers of refusedHeaders) {
      const answer = await stop(headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(await answer.text()).toContain('This form was sent from another site');
    }
    expect(await stateOf('acme')).toBe('running');
    expect((await stop({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' }, '')).status).toBe(303);
    expect(await stateOf('acme')).toBe('stopped');
  });

  describe('with an admin token, its session (issue 11)', () => {
    const signIn = async () => {
      app = await appWith('s3cret');
      const signedIn = await post('/sign-in', { token: 's3cret' });
      expect(await follow(signedIn)).toContain('Signed in.');
      return cookies.get('pactsafs_session')!;
    };
    const shows = async (cookie: string) => (await app.request('/', { headers: { Accept: BROWSER_ACCEPT, Cookie: `pactsafs_session=${cookie}` } })).status;

    afterEach(() => {
      vi.useRealTimers();
    });

    it('keeps a random session id in its cookie, never the token', async () => {
      const first = await signIn();
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookieHeader()).not.toContain('s3cret');
      expect(Buffer.from(first, 'base64url').toString('latin1')).not.toContain('s3cret');
      cookies.clear();
      expect((await post('/sign-in', { token: 's3cret' })).status).toBe(303);
      expect(cookies.get('pactsafs_session')).not.toBe(first);
      expect(await shows('made-up')).toBe(401);
    });

    it("removes an earlier version's cookie, which held the token itself", async () => {
      app = await appWith('s3cret');
      const answer = await app.request('/', { headers: { Accept: BROWSER_ACCEPT, Cookie: 'pactsafs_admin_token=s3cret' } });
      expect(answer.status).toBe(401);
      expect(answer.headers.getSetCookie()).toContain('pactsafs_admin_token=; Max-Age=0; Path=/');
    });

    it('refuses a session after 12 hours without use', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const session = await signIn();
      vi.setSystemTime(Date.now() + 11 * 3_600_000);
      expect(await shows(session)).toBe(200);
      vi.setSystemTime(Date.now() + 11 * 3_600_000); // 22 h after sign-in, 11 h after its last use
      expect(await shows(session)).toBe(200);
      vi.setSystemTime(Date.now() + 12 * 3_600_000 + 1);
      const expired = await get('/');
      expect(expired.status).toBe(401);
      expect(await expired.text()).toContain('name="token"');
    });

    it('refuses a session 24 hours after sign-in, however often it is used', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const session = await signIn();
      for (let hours = 0; hours < 23; hours += 1) {
        vi.setSystemTime(Date.now() + 3_600_000);
        expect(await shows(session)).toBe(200);
      }
      vi.setSystemTime(Date.now() + 3_600_000 + 1);
      expect(await shows(session)).toBe(401);
    });

    it('ends the session on the server at sign-out', async () => {
      const session = await signIn();
      expect(await shows(session)).toBe(200);
      expect(await follow(await post('/sign-out', {}))).toContain('Signed out.');
      expect(await shows(session)).toBe(401);
    });
  });

  it('shows a sleeping tenant as sleeping, with Stop, Wake, backup and restore; Wake serves it again (issue 13)', async () => {
    await apiCreate('acme');
    await service.sleep('acme', () => true);
    const html = await (await get('/')).text();
    expect(html).toContain('<tr data-tenant="acme" data-state="sleeping">');
    expect(html).toContain('<span class="state state-sleeping">sleeping</span>');
    for (const verb of ['stop', 'start', 'restore']) expect(html).toContain(`action="/tenants/acme/${verb}"`);
    expect(html).toContain('>Wake</button>');
    expect(html).toContain('href="/tenants/acme/backup?');
    await post('/tenants/acme/start', { back: '/' });
    await vi.waitFor(async () => expect(await stateOf('acme')).toBe('running'));
  });

  it('shows a tenant: addresses, publish command, health and log lines', async () => {
    await apiCreate('acme');
    const jsonLine = '{"time":"2026-12-06T13:58:40.123Z","level":"warn","message":"slow request","tenant":"acme","path":"/contracts/publish","ms":812}';
    await appendFile(bed.runtime.tenantDir('acme') + '/broker.log', `${jsonLine}\nnot a JSON line\n`);
    const html = await (await get('/tenants/acme')).text();
    expect(html).toContain('npx pact-broker publish examples/pacts --consumer-app-version 1.0.0 --branch main --broker-base-url http://localhost:8080/t/acme');
    expect(html).toContain('href="http://localhost:8080/t/acme/"');
    expect(html).toContain('<span class="state state-running">running</span>');
    // No gateway listens for app.request(): the heartbeat is reported as not answering, counts as unknown.
    expect(html).toMatch(/class="bad">does not answer: /);
    // Team issue 16: named as the broker names them; "Pacts" counted publications.
    expect(html).toContain('<strong data-count="integrations">—</strong><span class="muted">Integrations</span>');
    expect(html).toContain('<strong data-count="pact-versions">—</strong><span class="muted">Pact versions</span>');
    expect(html).not.toContain('>Pacts<');
    // Team issue 16: log lines are a table, each raw line on demand; URLs wrap at their separators.
    expect(html).toContain('<table class="logs">');
    expect(html).toContain(
      '<tr data-level="warn"><td class="time"><time datetime="2026-12-06T13:58:40.123Z">2026-12-06 13:58:40.123Z</time></td>' +
        '<td class="level level-warn">warn</td><td class="message">slow request</td>' +
        '<td class="fields"><code>tenant=acme</code><code>path=/contracts/publish</code><code>ms=812</code>' +
        '<details><summary>raw</summary><pre>{&quot;time&quot;:&quot;2026-12-06T13:58:40.123Z&quot;,&quot;level&quot;:&quot;warn&quot;',
    );
    expect(html).toContain('<td class="message">not a JSON line</td>');
    expect(html).toContain('<span class="url">http://<wbr/>localhost:8080/<wbr/>t/<wbr/>acme/');
  });

  it('streams a backup download and forwards an uploaded restore to the API', async () => {
    await apiCreate('acme');
    const download = await get('/tenants/acme/backup?back=/tenants/acme');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/x-tar');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="acme-data.tar"');
    const tar = new Uint8Array(await download.arrayBuffer());
    expect(new TextDecoder().decode(tar.subarray(0, 100)).replace(/\0.*$/s, '')).toBe('manifest.json');

    const body = new FormData();
    body.append('back', '/tenants/acme');
    body.append('replace', 'yes');
    body.append('backup', new File([tar], 'acme-data.tar', { type: 'application/x-tar' }));
    // The backup's lock may outlive the last byte of its stream by a moment.
    await vi.waitFor(async () => {
      const restored = remember(await app.request('/tenants/acme/restore', { method: 'POST', body, headers: { Origin: 'http://localhost' } }));
      expect(restored.headers.get('Location')).toBe('/tenants/acme');
      expect(await follow(restored)).toContain('Restored &quot;acme&quot; from acme-data.tar.');
    });
  });

  it('turns a refused backup download, a refused restore and an incomplete restore form into flash messages', async () => {
    await apiCreate('acme');
    const download = await get('/tenants/nobody/backup?back=/tenants/acme');
    expect(download.headers.get('Location')).toBe('/tenants/acme');
    expect(await follow(download)).toContain('There is no tenant named &quot;nobody&quot;.');

    const form = async (fields: Record<string, string | Blob>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      return remember(await app.request('/tenants/acme/restore', { method: 'POST', body, headers: { Origin: 'http://localhost', Cookie: cookieHeader() } }));
    };
    const notATar = new File([new Uint8Array(1024).fill(65)], 'acme-data.tar', { type: 'application/x-tar' });
    const refused = await follow(await form({ back: '/tenants/acme', replace: 'yes', backup: notATar }));
    expect(refused).toContain('class="flash flash-error"');
    expect(await stateOf('acme')).toBe('running');
    expect(await follow(await form({ back: '/tenants/acme', replace: 'yes' }))).toContain('Choose a backup file (.tar) to restore.');
    expect(await follow(await form({ back: '/tenants/acme', backup: notATar }))).toContain('a restore replaces everything');
    const notAForm = await app.request('/tenants/acme/restore', { method: 'POST', body: 'x', headers: { Origin: 'http://localhost', 'Content-Type': 'text/plain' } });
    expect(notAForm.status).toBe(400);
    expect(((await notAForm.json()) as { detail: string }).detail).toBe('Send the form as multipart/form-data, with the file in its "backup" field.');
  });
});
