// Provides the browser the dashboard's end-to-end suite drives: Debian's chromium, run headless by
// playwright-core. Playwright's own browser download cannot work here (only Debian's packages and
// npm are reachable), so the suite uses the distribution's build. Plain JS: it runs before tsx.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { aptInstall } from './apt.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Makes sure /usr/bin/chromium runs, installing Debian's `chromium` as root; returns its path. */
export function ensureChromium({ log = console.log } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.getuid?.() !== 0) {
      throw new Error(`${CHROMIUM_PATH} is missing, and only root can install it here.`);
    }
    aptInstall(['chromium'], log);
  }
  const version = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    throw new Error(`${CHROMIUM_PATH} --version failed (exit ${version.status}): ${(version.stderr || version.error?.message || '').trim()}`);
  }
  return CHROMIUM_PATH;
}
