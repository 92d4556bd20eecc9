#!/usr/bin/env node
// Team issue 16: the CLI answers in ≤ 250 ms, so it runs the bundle `npm install` built into dist/
// (`npm run build`) rather than compiling TypeScript at every start. The sources run through tsx instead
// when the bundle is missing or older than a source it was built from (a developer's edit), under
// vitest (tests exercise the sources, as before), and for `serve`: the platform is a long-running
// process that finds its files beside its sources, and the bundle leaves it out.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = new URL('..', import.meta.url);
const args = process.argv.slice(2);
const cli = args.includes('serve') || process.env.VITEST ? await fromSources() : await fromBundle();
process.exitCode = await cli.runCli(args);

/** The CLI built into dist/, or the sources (with a one-line notice) when the bundle is not current. */
async function fromBundle() {
  const stale = staleReason();
  if (stale === undefined) return import('../dist/cli.js');
  process.stderr.write(`pactsafs: ${stale}; running the sources through tsx (slower start; \`npm run build\` rebuilds)\n`);
  return fromSources();
}

/** Why dist/ cannot be used, or undefined when it was built after every source it holds. */
function staleReason() {
  let built;
  let inputs;
  try {
    built = statSync(new URL('dist/cli.js', root)).mtimeMs;
    inputs = Object.keys(JSON.parse(readFileSync(new URL('dist/cli.meta.json', root), 'utf8')).inputs);
  } catch {
    return 'dist/ holds no built CLI';
  }
  const newer = inputs.find((input) => {
    try {
      return statSync(new URL(input, root)).mtimeMs > built;
    } catch {
      return true; // a source the bundle was built from is gone
    }
  });
  return newer === undefined ? undefined : `dist/ is older than ${newer}`;
}

/** The CLI from its TypeScript sources; the tsconfig is named so that it behaves the same from any directory. */
async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('tsconfig.json', root)) });
  return import('../cli/cli.ts');
}
