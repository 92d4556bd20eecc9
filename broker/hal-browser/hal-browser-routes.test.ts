/**
 * The HAL browser's files (issue 14), at the path the Ruby broker serves them
 * (lib/rack/hal_browser/redirect.rb: `/hal-browser/browser.html`). Its behaviour in a real browser is
 * test/e2e/hal-browser.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { useTestBroker } from '../test-support/test-broker.js';

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
});
