import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './platform-process.js';

/**
 * The browser the browser suites drive: Debian's chromium, which `npm test` provides and names in
 * PACTSAFS_TEST_BROWSER (playwright's own browser download cannot reach its host here).
 */
export const testBrowserPath = process.env.PACTSAFS_TEST_BROWSER || undefined;
if (testBrowserPath === undefined && process.env.CI === 'true') {
  throw new Error('CI=true: the browser suites must run; set PACTSAFS_TEST_BROWSER to a Chromium binary (npm test does).');
}

/** Headless Chromium. `--no-sandbox` because the suites run as root, where Chromium's sandbox refuses to start. */
export function launchBrowser(): Promise<Browser> {
  if (testBrowserPath === undefined) throw new Error('PACTSAFS_TEST_BROWSER is not set.');
  return chromium.launch({ executablePath: testBrowserPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Where screenshots go (git-ignored): people look at them to judge the pages. */
export const artifactsDir = path.join(repoRoot, 'test/artifacts');

/** Saves a full-page screenshot as `test/artifacts/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
