// Assembles the broker image's build context in compose/images/.build/broker: the compiled app
// (tsconfig.build.json), package.json, the production packages it imports, and the host's node.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyPackages, importedPackages, productionClosure } from './production-packages.js';
import type { Log } from './engine-build.js';

/** Where tsconfig.build.json's outDir points, relative to the repository root. */
const CONTEXT_DIR = 'compose/images/.build/broker';

export interface BrokerContext {
  contextDir: string;
  entries: string[];
}

/** Compiles the broker and lays out everything its Dockerfile copies. */
export function prepareBrokerContext(repoRoot: string, log: Log): BrokerContext {
  const contextDir = join(repoRoot, CONTEXT_DIR);
  const appDir = join(contextDir, 'app');
  rmSync(contextDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });

  log('compiling broker/ and shared/ (tsc -p tsconfig.build.json)');
  const tsc = spawnSync(join(repoRoot, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  // tsc writes its output even on type errors; an image of code that does not type-check is refused.
  if (tsc.status !== 0) throw new Error(`Compiling the broker failed:\n${(tsc.stdout + tsc.stderr).trim()}`);

  // package.json carries "type": "module", which the compiled ESM needs.
  copyFileSync(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
  const packages = productionClosure(repoRoot, importedPackages(appDir));
  log(`copying ${packages.length} production packages`);
  copyPackages(repoRoot, packages, appDir);

  // The node running this script is the host's node (`readlink -f $(which node)`): the same
  // binary the native packages were built for.
  copyFileSync(realpathSync(process.execPath), join(contextDir, 'node'));
  copyFileSync(join(repoRoot, 'compose/images/broker/Dockerfile'), join(contextDir, 'Dockerfile'));
  return { contextDir, entries: ['Dockerfile', 'node', 'app'] };
}
