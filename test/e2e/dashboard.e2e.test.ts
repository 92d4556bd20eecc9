/**
 * The web dashboard (issue 7) in headless Chromium against the real platform: sign in, create,
 * stop, start, download a backup and restore it, publish with the official CLI, read the tenant
 * page and the tenant's broker UI, watch a docker tenant being created, remove (with and without
 * JavaScript). Screenshots go to test/artifacts/ for people to judge the pages.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Dockerode from 'dockerode';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, testBrowserPath } from '../support/browser.js';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const TOKEN = 'dashboard-e2e-token';
const TENANT = 'shop';
const DOCKER_TENANT = `dash${randomBytes(3).toString('hex')}`;
const withDocker = provided('docker');

/** The name of a tar's first entry: the NUL-terminated first 100 bytes of its first header. */
function firstTarEntryName(tar: Buffer): string {
  expect(tar.subarray(257, 262).toString('latin1')).toBe('ustar');
  return tar.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
}

describe.skipIf(!testBrowserPath)('the dashboard in a browser', () => {
  let started: StartedPlatform | undefined;
  let port: number;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const dashboard = () => `http://localhost:${port}`;
  const row = (tenant: string, state?: string) => `tr[data-tenant="${tenant}"]${state ? `[data-state="${state}"]` : ''}`;
  const flash = async (of: Page = page) => (await of.locator('.flash').textContent())?.trim();

  /** Signs `of` in through the form; an HttpOnly cookie carries its session (never the token). */
  const signIn = async (of: Page) => {
    await of.goto(`${dashboard()}/`);
    await of.fill('#admin-token', TOKEN);
    await of.click('button:has-text("Sign in")');
    expect(await flash(of)).toBe('Signed in.');
  };

  beforeAll(async () => {
    started = await startPlatform({
      PACTSAFS_ADMIN_TOKEN: TOKEN,
      PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local',
      PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15',
    });
    port = started.port;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    // A blocked inline script (CSP) or a script error would leave the pages working without JS, unnoticed.
    // (Answers with an error status, such as the sign-in page's 401, are logged too: not script problems.)
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await started?.close();
    if (withDocker) await removeTenantObjects(new Dockerode(), [DOCKER_TENANT]);
  });

  it('asks for the admin token, then shows the empty tenant list', async () => {
    const first = await page.goto(`${dashboard()}/`);
    expect(first?.status()).toBe(401);
    await page.fill('#admin-token', 'not-the-token');
    await page.click('button:has-text("Sign in")');
    expect(await flash()).toBe('The platform refused that admin token.');
    await signIn(page);
    expect(await page.locator('td.empty').textContent()).toContain('No tenants yet');
    const cookie = (await context.cookies()).find((candidate) => candidate.name === 'pactsafs_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie?.value).not.toContain(TOKEN);
  });

  it('creates a tenant through the form and shows it running', async () => {
    await page.fill('#tenant-name', TENANT);
    await page.selectOption('#tenant-runtime', 'embedded');
    await page.click('button:has-text("Create tenant")');
    expect(await flash()).toBe(`Creating "${TENANT}"…`);
    await page.waitForSelector(row(TENANT, 'running'));
    expect(await page.locator(`${row(TENANT)} .state`).textContent()).toBe('running');
    expect(await page.locator(`${row(TENANT)} a.broker-link`).getAttribute('href')).toBe(`http://localhost:${port}/t/${TENANT}/`);
  });

  it('stops and starts it, the state cell following', async () => {
    await page.click(`button[aria-label="Stop ${TENANT}"]`);
    await page.waitForSelector(row(TENANT, 'stopped'));
    expect(await page.locator(`${row(TENANT)} .state`).textContent()).toBe('stopped');
    expect(await flash()).toContain(`Stopped "${TENANT}".`);
    await page.click(`button[aria-label="Start ${TENANT}"]`);
    await page.waitForSelector(row(TENANT, 'running'));
    expect(await flash()).toBe(`Started "${TENANT}".`);
  });

  // A docker tenant takes seconds to create (network, containers, database, heartbeat), long enough
  // to watch; an embedded one is running within milliseconds.
  it.runIf(withDocker)('refreshes the state cells by script while a docker tenant is created', async () => {
    await page.goto(`${dashboard()}/`);
    await page.fill('#tenant-name', DOCKER_TENANT);
    await page.selectOption('#tenant-runtime', 'docker');
    await page.click('button:has-text("Create tenant")');
    expect(await page.locator(`${row(DOCKER_TENANT)} .state`).textContent()).toBe('creating');
    // Gone if the page were loaded again: the rows must change in this page, by its script.
    await page.evaluate('window.pactsafsSamePage = true');
    await page.waitForSelector(row(DOCKER_TENANT, 'running'), { timeout: 60_000 });
    expect(await page.evaluate('window.pactsafsSamePage')).toBe(true);
    expect(await page.locator(`${row(TENANT)} .state`).textContent()).toBe('running');
    const removed = await fetch(`${dashboard()}/api/tenants/${DOCKER_TENANT}`, { method: 'DELETE', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(removed.status).toBe(204);
  }, 90_000); // the wait above fails first, saying what it waited for

  it('downloads a backup through the link, a tar that starts with manifest.json, and restores it', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.click(`${row(TENANT)} a:has-text("Download backup")`)]);
    expect(download.suggestedFilename()).toBe(`${TENANT}-data.tar`);
    const file = path.join(started!.dataDir, `${TENANT}-data.tar`);
    await download.saveAs(file);
    expect(firstTarEntryName(await readFile(file))).toBe('manifest.json');

    // The platform records the backup once the tar has been read to its end (and only then takes a restore).
    const lastBackup = page.locator(`${row(TENANT)} td[data-label="Last backup"]`);
    await until('the backup to be recorded', async () => {
      await page.goto(`${dashboard()}/`);
      return (await lastBackup.textContent()) !== '—' || undefined;
    });
    expect(await lastBackup.textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

    await page.goto(`${dashboard()}/tenants/${TENANT}`);
    await page.click('details.restore summary');
    await page.setInputFiles('input[name="backup"]', file);
    await page.check('input[name="replace"]');
    await page.click('button:has-text("Upload and restore")');
    expect(await flash()).toBe(`Restored "${TENANT}" from ${TENANT}-data.tar.`);
  });

  it('counts a pact published with the official CLI on the tenant page', async () => {
    const dir = path.join(started!.dataDir, 'pacts');
    await writePactFile(dir, 'Web', 'Orders', 'a request for orders');
    const base = `http://127.0.0.1:${port}/t/${TENANT}`;
    const published = await pactBroker(['publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--broker-base-url', base]);
    expect(published.code, published.stderr + published.stdout).toBe(0);

    await page.goto(`${dashboard()}/tenants/${TENANT}`);
    expect(await page.locator('strong[data-count="pacticipants"]').textContent()).toBe('2');
    // Team issue 16: one integration, one pact version, as the broker UI shows it (not "Pacts").
    expect(await page.locator('strong[data-count="integrations"]').textContent()).toBe('1');
    expect(await page.locator('strong[data-count="pact-versions"]').textContent()).toBe('1');
    expect(await page.locator('strong[data-count="verifications"]').textContent()).toBe('0');
    expect(await page.locator('.heartbeat').textContent()).toMatch(/^answers 200/);
    expect(await page.locator('#publish-command').textContent()).toBe(
      `npx pact-broker publish examples/pacts --consumer-app-version 1.0.0 --branch main --broker-base-url http://localhost:${port}/t/${TENANT}`,
    );
    // Team issue 16: the log is a table; a row's raw line opens on demand.
    expect(await page.locator('table.logs td.fields').allTextContents()).toContainEqual(expect.stringContaining('/contracts/publish'));
    const firstRow = page.locator('table.logs tbody tr').first();
    expect(await firstRow.locator('td.level').textContent()).toMatch(/^(debug|info|warn|error)$/);
    expect(await firstRow.locator('details pre').isVisible()).toBe(false);
    await firstRow.locator('details summary').click();
    expect(JSON.parse((await firstRow.locator('details pre').textContent()) ?? '')).toHaveProperty('message');
    await saveScreenshot(page, 'dashboard-tenant-page');
  });

  it("shows the pact in the tenant's broker UI", async () => {
    await page.goto(`http://127.0.0.1:${port}/t/${TENANT}/`);
    const integration = page.locator('table.integrations tr', { hasText: 'Web' });
    expect(await integration.textContent()).toContain('Orders');
    // Team issue 16: the header names the tenant and links back to its dashboard page (the gateway says which).
    expect(await page.locator('header.site .tenant strong').textContent()).toBe(TENANT);
    expect(await page.locator('header.site .tenant a').getAttribute('href')).toBe(`http://127.0.0.1:${port}/tenants/${TENANT}`);
    await saveScreenshot(page, 'broker-home');
    await integration.locator('a.pact-link').first().click();
    await page.waitForSelector('.interaction');
    expect(await page.locator('.interaction').allTextContents()).toEqual([expect.stringContaining('a request for orders')]);
    await saveScreenshot(page, 'broker-pact-page');
  });

  it('reads well at 1280 px and as cards at phone width', async () => {
    await page.goto(`${dashboard()}/`);
    await saveScreenshot(page, 'dashboard-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    // Strings: they run in the page, whose DOM types this project's Node-only tsconfig does not have.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('${row(TENANT)}')).display`)).toBe('block');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'dashboard-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('works without JavaScript: creates, then removes after a confirmation page', async () => {
    const plain = await browser!.newContext({ javaScriptEnabled: false });
    try {
      const noScript = await plain.newPage();
      await signIn(noScript);
      await noScript.fill('#tenant-name', 'plain');
      await noScript.click('button:has-text("Create tenant")');
      await noScript.waitForSelector(row('plain', 'running'), { timeout: 20_000 }); // the meta refresh reloads while it is creating
      await noScript.click('button[aria-label="Remove plain"]');
      expect(await noScript.locator('h1').textContent()).toBe('Remove plain?');
      await noScript.click('button:has-text("Remove plain")');
      expect(await flash(noScript)).toBe('Removed "plain" and its data.');
      expect(await noScript.locator(row('plain')).count()).toBe(0);

      // Sign-out ends the session on the server: its cookie, put back, opens nothing (issue 11).
      const session = (await plain.cookies()).find((cookie) => cookie.name === 'pactsafs_session');
      await noScript.click('button:has-text("Sign out")');
      expect(await flash(noScript)).toBe('Signed out.');
      await plain.addCookies([session!]);
      expect((await noScript.goto(`${dashboard()}/`))?.status()).toBe(401);
    } finally {
      await plain.close();
    }
  });

  it('removes with a confirm() dialog when JavaScript runs, and no script was blocked or failed', async () => {
    await page.goto(`${dashboard()}/`);
    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.accept();
    });
    await page.click(`button[aria-label="Remove ${TENANT}"]`);
    await page.waitForSelector('.flash');
    expect(questions).toEqual([`Remove tenant "${TENANT}" and all its data?`]);
    expect(await flash()).toBe(`Removed "${TENANT}" and its data.`);
    expect(problems).toEqual([]);
  });
});
