/**
 * The HAL browser's files (issue 14), at the path the Ruby broker serves them
 * (lib/rack/hal_browser/redirect.rb: `/hal-browser/browser.html`), and the ways the broker's pages lead
 * to it (ui/views/index/_navbar.haml, ui/controllers/pacts.rb). Its behaviour in a real browser is
 * test/e2e/hal-browser.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { BASE, useTestBroker } from '../test-support/test-broker.js';

describe('GET /hal-browser/*', () => {
  const t = useTestBroker('sqlite', { scope: 'all' });

  it.each([
    ['browser.html', 'text/html; charset=utf-8', '<title>The HAL Browser</title>'],
    ['hal-browser.js', 'application/javascript; charset=utf-8', "window.addEventListener('hashchange', load);"],
    ['hal-browser.css', 'text/css; charset=utf-8', '#browser {'],
  ])('serves %s as %s, with a CSP that allows only its own files and broker', async (file, contentType, excerpt) => {
    const response = await t.request('GET', `/hal-browser/${file}`, { headers: { accept: 'text/html,*/*' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain(excerpt);
  });

  it('loads its assets by relative URLs, so that it works under the gateway path form /t/<tenant>', async () => {
    const page = await (await t.request('GET', '/hal-browser/browser.html')).text();
    expect(page).toContain('<script src="hal-browser.js"></script>');
    expect(page).toContain('<link rel="stylesheet" href="hal-browser.css">');
    expect(page).not.toMatch(/(src|href)="(\/|https?:)/);
  });

  it('answers 404 for a file it does not have', async () => {
    expect((await t.request('GET', '/hal-browser/login.html')).status).toBe(404);
  });

  it("is linked from the pages' navigation as the Ruby broker's API Browser", async () => {
    const page = await (await t.request('GET', '/', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain(`<a href="${BASE}/hal-browser/browser.html">API Browser</a>`);
  });

  it('shows a browser a verification result in the HAL browser (302, the whole URL in the fragment); API clients get the API', async () => {
    const path = '/pacts/provider/Bar/consumer/Foo%20App/pact-version/abc/verification-results/1';
    const browser = await t.request('GET', path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe(`${BASE}/hal-browser/browser.html#${BASE}${path}`);
    const prefixed = await t.request('GET', path, { headers: { accept: 'text/html', 'x-forwarded-prefix': '/t/acme' } });
    expect(prefixed.headers.get('location')).toBe(`${BASE}/t/acme/hal-browser/browser.html#${BASE}/t/acme${path}`);
    expect((await t.request('GET', path)).status).toBe(404); // no such verification: the API's answer
  });
});
