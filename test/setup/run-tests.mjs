#!/usr/bin/env node
// `npm test`: checks and, as root, provides what the suites need (Docker engine and our images,
// PostgreSQL, docker-compose, Chromium, a swarm engine of its own), then runs vitest. Outside CI a
// missing part skips the suites that need it, with a line saying so; in CI (CI=true) it fails the
// run instead.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { aptInstall } from './apt.mjs';
import { ensureChromium } from './chromium.mjs';
import { ensureDockerEngine, ensureImages } from './docker-engine.mjs';
import { ensurePostgres } from './postgres.mjs';
import { ensureSwarmEngine } from './swarm-engine.mjs';

const require = createRequire(import.meta.url);
const inCi = process.env.CI === 'true';
const isRoot = process.getuid?.() === 0;
const problems = [];
const env = { ...process.env };

/** Runs one check; a failure is fatal when `required` (or in CI), else a note that suites are skipped. */
async function need(what, provide, { fix, required = false } = {}) {
  try {
    await provide();
    console.log(`✓ ${what}`);
    return true;
  } catch (error) {
    const message = `${what}: ${error.message}${fix ? `\n    fix: ${fix}` : ''}`;
    if (required || inCi) problems.push(`✗ ${message}`);
    else console.log(`! ${message}\n    (the suites that need it are skipped)`);
    return false;
  }
}

await need('SQLite driver (better-sqlite3) loads', () => new (require('better-sqlite3'))(':memory:').close(), {
  fix: 'run `npm install` (npm 11 builds it only because package.json lists it under allowScripts)',
  required: true,
});
await need('official pact CLI (@pact-foundation/pact-cli) runs', () => run('node_modules/.bin/pact-broker', ['--version']), {
  fix: 'run `npm install` (devDependencies included)',
  required: true,
});
await need('root, to add /etc/hosts lines for the host-form tests', () => {
  if (!isRoot) throw new Error('not running as root');
}, { fix: 'run the tests as root' });
await need('PostgreSQL for the broker suites', async () => {
  env.PACTSAFS_TEST_POSTGRES_URL ||= await ensurePostgres({ log: console.log });
});
await need('Chromium for the browser suites', () => {
  env.PACTSAFS_TEST_BROWSER ||= ensureChromium({ log: console.log });
}, { fix: 'apt-get install chromium' });
const docker = await need('Docker engine and our images (npm run images)', async () => {
  await ensureDockerEngine({ log: console.log });
  await ensureImages({ log: console.log });
  env.PACTSAFS_TEST_DOCKER = '1';
});
if (docker) {
  await need('docker-compose', () => {
    if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status !== 0) {
      if (!isRoot) throw new Error('docker-compose is not installed');
      aptInstall(['docker-compose'], console.log);
    }
    env.PACTSAFS_TEST_COMPOSE = '1';
  }, { fix: 'apt-get install docker-compose' });
  // Its own engine (issue 12), so the main engine the other suites use never enters swarm mode.
  await need('Swarm engine sw1 (a single-node manager in a network namespace) with our images', async () => {
    env.PACTSAFS_TEST_SWARM = await ensureSwarmEngine({ log: console.log });
  }, { fix: 'run the tests as root; `node test/setup/swarm-engine.mjs --down` removes a broken one' });
}

if (problems.length > 0) {
  console.error(`\nThe test suites cannot run:\n${problems.join('\n')}`);
  process.exit(1);
}

const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(vitest.status ?? 1);

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error((result.stderr || result.error?.message || `${command} failed`).trim().split('\n').at(-1));
}
