#!/usr/bin/env node
// `npm test`: checks (and, as root, provides) what the suites need, then runs vitest.
// In CI (CI=true) a missing part fails the run instead of skipping tests.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const inCi = process.env.CI === 'true';
const isRoot = process.getuid?.() === 0;
const problems = [];

function check(what, test, fix) {
  try {
    test();
    console.log(`✓ ${what}`);
  } catch (error) {
    problems.push(`✗ ${what}: ${error.message.split('\n')[0]}\n    fix: ${fix}`);
  }
}

check(
  'SQLite driver (better-sqlite3) loads',
  () => new (require('better-sqlite3'))(':memory:').close(),
  'run `npm install` (npm 11 builds it only because package.json lists it under allowScripts)',
);
check(
  'official pact CLI (@pact-foundation/pact-cli) runs',
  () => {
    const result = spawnSync('node_modules/.bin/pact-broker', ['--version'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr || result.error?.message || 'it did not run');
  },
  'run `npm install` (devDependencies included)',
);
if (!isRoot) {
  const note = 'not root: the host-form test needs to add an /etc/hosts line for the static pact CLI';
  if (inCi) problems.push(`✗ ${note}\n    fix: run the tests as root in CI`);
  else console.log(`! ${note}; that test will be skipped`);
}

if (problems.length > 0) {
  console.error(`\nThe test suites cannot run:\n${problems.join('\n')}`);
  process.exit(1);
}

const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(vitest.status ?? 1);
