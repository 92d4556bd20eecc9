/**
 * The API explorer (issue 14) in headless Chromium on the real platform, opened through the
 * gateway's path form `/t/<tenant>/hal-browser/browser.html`: it loads the tenant's index, follows
 * a link, creates a pacticipant with a non-GET request, expands a URI template, shows a relation's
 * docs, takes a verification result's URL from the broker's redirect; every request and every link
 * keeps `/t/<tenant>`. A screenshot goes to test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, testBrowserPath } from '../support/browser.js';
import { startTenantPlatform, type TenantPlatform } from '../support/tenant-platform.js';

const TENANT = 'halb';

describe.skipIf(!testBrowserPath)('the HAL browser through the gateway path form', () => {
  let platform: TenantPlatform | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let root: string;
  const problems: string[] = [];
  const requested: string[] = [];

  /** Waits until the page has shown the answer for `url` (hal-browser.js marks it on the body). */
  const loaded = (url: string) => page.waitForSelector(`body[data-loaded="${url}"]:not([data-loading])`);
  const row = (rel: string) => `#links tr[data-rel="${rel}"]`;

  beforeAll(async () => {
    platform = await startTenantPlatform(TENANT);
    root = `http://localhost:${platform.port}/t/${TENANT}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    // A CSP refusal or a script error would show here, not as a failed step.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requested.push(request.url()));
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await platform?.close();
  });

  it("loads the tenant's index, its links absolute under /t/<tenant>", async () => {
    const response = await page.goto(`${root}/hal-browser/browser.html`);
    expect(response?.status()).toBe(200);
    await loaded(`${root}/`);
    expect(await page.inputValue('#location')).toBe(`${root}/`);
    expect(await page.textContent('#response-status')).toBe('200 OK');
    expect(await page.textContent(`${row('pb:pacticipants')} td:nth-child(2)`)).toBe('Pacticipants');
    const body = JSON.parse((await page.textContent('#response-body')) ?? '') as { _links: Record<string, { href: string }> };
    expect(body._links['pb:pacticipants']?.href).toBe(`${root}/pacticipants`);
  });

  it('follows a link, keeping /t/<tenant> in the request', async () => {
    await page.click(`${row('pb:pacticipants')} button.follow`);
    await loaded(`${root}/pacticipants`);
    expect(new URL(page.url()).hash).toBe('#/pacticipants');
    expect(await page.textContent('#response-status')).toBe('200 OK');
    expect(await page.textContent(`${row('self')} td:nth-child(1)`)).toBe('self');
    expect(requested).toContain(`${root}/pacticipants`);
  });

  it('creates a pacticipant with a non-GET request, then finds it by expanding the URI template', async () => {
    await page.goto(`${root}/hal-browser/browser.html#/`);
    await loaded(`${root}/`);
    await page.click(`${row('pb:pacticipants')} button.non-get`);
    await page.fill('#non-get-body', JSON.stringify({ name: 'Web App' }));
    await page.click('#non-get-dialog button[value="send"]');
    await page.locator('#response-status', { hasText: '201 Created' }).waitFor();
    expect(await page.textContent('#response-body')).toContain('"name": "Web App"');
    expect(await page.textContent(`${row('self')} td:nth-child(1)`)).toBe('self'); // the new pacticipant's links

    await page.click('#entry-point'); // the fragment is #/ already: the click loads the index all the same
    await page.waitForSelector(row('pb:pacticipant'));
    await page.click(`${row('pb:pacticipant')} button.query`);
    await page.fill('#query-fields input[name="pacticipant"]', 'Web App');
    expect(await page.textContent('#query-expanded')).toBe(`${root}/pacticipants/Web%20App`);
    await page.click('#query-dialog button[value="follow"]');
    await loaded(`${root}/pacticipants/Web%20App`);
    expect(await page.textContent('#response-status')).toBe('200 OK');
    expect(await page.textContent('#properties')).toContain('"name": "Web App"');
  });

  it("shows a relation's docs from the index's curie", async () => {
    await page.click('#entry-point');
    await loaded(`${root}/`);
    await page.click(`${row('pb:publish-pact')} button.docs`);
    const frame = page.frameLocator('#docs-frame');
    expect(await frame.locator('h1').textContent()).toBe('Publish a pact');
    expect(await page.getAttribute('#docs-frame', 'src')).toBe(`${root}/doc/publish-pact?context=index`);
    await saveScreenshot(page, 'hal-browser-index');
  });

  it('opens a verification result URL in the HAL browser, which fetches that whole URL', async () => {
    const result = `${root}/pacts/provider/Orders/consumer/Web%20App/pact-version/none/verification-results/1`;
    await page.goto(result);
    expect(page.url()).toBe(`${root}/hal-browser/browser.html#${result}`);
    await loaded(result);
    expect(await page.textContent('#response-status')).toBe('404 Not Found');
  });

  it('made every request under /t/<tenant>, with no script or CSP error', () => {
    const outside = requested.filter((url) => !url.startsWith(`${root}/`));
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
