import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, testBrowserPath } from '../../test/support/browser.js';
import { bidiCli } from '../bi-directional/test-fixtures/bidi-cli.js';
import { ordersDocument, ordersPact } from '../bi-directional/test-fixtures/orders-fixtures.js';
import { useCliBroker } from '../test-support/official-cli.js';

/**
 * Team issue 15 in headless Chromium: from the home page's integration row to the provider's
 * contract page, which shows the comparison with Web's pact and its mismatch. Contracts and the pact
 * are published with the official commands; a screenshot goes to test/artifacts/.
 */
describe.skipIf(!testBrowserPath)('the provider contract page in a browser', () => {
  const broker = useCliBroker('sqlite', { scope: 'all', crossContractWaitMs: Infinity });
  let cli: ReturnType<typeof bidiCli>;
  let browser: Browser | undefined;

  beforeAll(async () => {
    cli = bidiCli(broker);
    await cli.publishPact('1', ordersPact());
    expect((await cli.publishContract('1.0.0', ordersDocument())).code).toBe(0);
    expect((await cli.publishContract('2.0.0', ordersDocument({ fields: { id: 'integer', total: 'string', status: 'string' } }))).code).toBe(0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    rmSync(cli.dir, { recursive: true, force: true });
  });

  it("opens from the integration row and shows the comparison's mismatch", async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${broker.baseUrl}/`);
    await page.click('tr.integration[data-consumer="Web"][data-provider="Orders"] a.provider-contract-link');
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Provider contract of Orders version 2.0.0');
    expect(await page.textContent('section.comparison[data-consumer="Web"] .status')).toBe('incompatible');
    const mismatch = page.locator('section.comparison[data-consumer="Web"] tr.mismatch-error').first();
    expect(await mismatch.locator('td.interaction').textContent()).toBe('a request for an order');
    expect(await mismatch.locator('td.operation').textContent()).toBe('GET /orders/{id}');
    expect(await mismatch.locator('td.message').textContent()).toContain('must be string');
    expect(await page.textContent('p.self-verification')).toContain('succeeded');
    await saveScreenshot(page, 'provider-contract-page');
  });
});
