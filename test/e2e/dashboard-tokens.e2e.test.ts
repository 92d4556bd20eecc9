/**
 * CI tokens in the dashboard (issue 11), in headless Chromium against the real platform: create a
 * tenant that takes only tokens, make a token on its page (shown once), publish with it using the
 * official CLI, see its last use, revoke it with the confirm() dialog, and read the audit log.
 * Screenshots go to test/artifacts/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, testBrowserPath } from '../support/browser.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';

const ADMIN_TOKEN = 'dashboard-tokens-e2e';
const TENANT = 'vault';

describe.skipIf(!testBrowserPath)('CI tokens in the dashboard', () => {
  let started: StartedPlatform | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pactDir: string;
  let secret: string;
  const problems: string[] = [];
  const dashboard = (pathname: string) => `http://localhost:${started?.port}${pathname}`;
  const flash = async () => (await page.locator('.flash').textContent())?.trim();
  const publish = (version: string, token: string) =>
    pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '-b', `http://127.0.0.1:${started?.port}/t/${TENANT}`, '--broker-token', token]);

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-dashboard-tokens-'));
    await writePactFile(pactDir, 'Web', 'Vault');
    started = await startPlatform({ PACTSAFS_ADMIN_TOKEN: ADMIN_TOKEN });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(dashboard('/'));
    await page.fill('#admin-token', ADMIN_TOKEN);
    await page.click('button:has-text("Sign in")');
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await started?.close();
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  it('creates a tenant that takes only requests with a token', async () => {
    await page.fill('#tenant-name', TENANT);
    await page.check('input[name="requireAuth"]');
    await page.click('button:has-text("Create tenant")');
    await page.waitForSelector(`tr[data-tenant="${TENANT}"][data-state="running"]`);
    await page.goto(dashboard(`/tenants/${TENANT}`));
    expect(await page.locator('dd.access').textContent()).toBe('tokens required: only requests with a token may read or publish; the heartbeat and badges are public');
    expect(await page.locator('#publish-command').textContent()).toContain('--broker-token "$PACT_BROKER_TOKEN"');
    expect(await page.locator('#tokens-heading + p + p.empty').textContent()).toBe('No tokens yet.');
  });

  it('makes a token shown once, which the official CLI publishes with', async () => {
    await page.fill('#token-name', 'ci');
    await page.selectOption('#token-scope', 'read-write');
    await page.click('button:has-text("Create token")');
    secret = (await page.locator('#created-token').textContent()) ?? '';
    expect(secret).toMatch(/^pbs_[A-Za-z0-9_-]{43}$/);
    await saveScreenshot(page, 'dashboard-token-created');
    const published = await publish('1.0.0', secret);
    expect(published.code, published.stdout + published.stderr).toBe(0);
    await page.click(`a:has-text("Back to ${TENANT}")`);
    const row = page.locator('tr[data-token]');
    expect(await row.locator('td').nth(0).textContent()).toBe('ci');
    expect(await row.locator('td').nth(1).textContent()).toBe('read-write');
    expect(await row.locator('td').nth(3).textContent()).toBe('never');
    expect(await row.locator('td').nth(4).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(await page.content()).not.toContain(secret);
    await saveScreenshot(page, 'dashboard-tenant-tokens');
  });

  it('revokes it after a confirm() dialog; the CLI is refused from then on', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('button[aria-label="Revoke ci"]');
    expect(await flash()).toBe('Revoked the token: requests with it are refused from now on.');
    expect(await page.locator('tr[data-token]').count()).toBe(0);
    const refused = await publish('1.0.1', secret);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('401 Unauthorized');
  });

  it('lists these actions in the audit log, newest first, as the dashboard\'s', async () => {
    await page.click('a:has-text("Audit log")');
    const rows = await page.locator('tr[data-audit]').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent).join(' ')),
    );
    expect(rows).toEqual([`dashboard token.revoke ${TENANT} 204`, `dashboard token.create ${TENANT} 201`, `dashboard tenant.create ${TENANT} 202`]);
    await saveScreenshot(page, 'dashboard-audit-log');
    expect(problems).toEqual([]);
  });
});
