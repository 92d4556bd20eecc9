// Assembles the build context of an image that runs our TypeScript with the host's node (the
// broker, the platform) in compose/images/.build/<image>-<pid>: the app compiled by its own
// tsconfig, package.json, the production packages it imports, and the node binary.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../shared/process-alive.js';
import type { Log } from './engine-build.js';
import { copyPackages, importedPackages, productionClosure } from './production-packages.js';

/** One node image: what to compile and which Dockerfile runs it. Paths are relative to the repository root. */
export interface NodeApp {
  name: string;
  tsconfig: string;
  dockerfile: string;
}

export interface NodeAppContext {
  contextDir: string;
  entries: string[];
}

/** The host's node binary (`readlink -f $(which node)`): the one the native packages were built for. */
const hostNode = realpathSync(process.execPath);

/** Compiles the app and lays out everything its Dockerfile copies. */
export function prepareNodeAppContext(repoRoot: string, app: NodeApp, log: Log): NodeAppContext {
  const buildRoot = join(repoRoot, 'compose/images/.build');
  removeContextsOfEndedBuilds(buildRoot, app.name);
  // A folder of this build's own: two `npm test` runs at once each build, and in a shared folder one
  // run's package scan met the other's copied node_modules (seen: "The app imports cloudflare:sockets").
  const contextDir = join(buildRoot, `${app.name}-${process.pid}`);
  const appDir = join(contextDir, 'app');
  rmSync(contextDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });

  log(`compiling (tsc -p ${app.tsconfig})`);
  const tsc = spawnSync(join(repoRoot, 'node_modules/.bin/tsc'), ['-p', app.tsconfig, '--outDir', appDir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  // tsc writes its output even on type errors; an image of code that does not type-check is refused.
  if (tsc.status !== 0) throw new Error(`Compiling ${app.name} failed:\n${(tsc.stdout + tsc.stderr).trim()}`);

  // package.json carries "type": "module", which the compiled ESM needs (and the platform reads its version).
  copyFileSync(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
  const packages = productionClosure(repoRoot, importedPackages(appDir));
  log(`copying ${packages.length} production packages`);
  copyPackages(repoRoot, packages, appDir);

  copyFileSync(hostNode, join(contextDir, 'node'));
  copyFileSync(join(repoRoot, app.dockerfile), join(contextDir, 'Dockerfile'));
  return { contextDir, entries: ['Dockerfile', 'node', 'app'] };
}

/** Contexts a failed build kept for inspection, once the process that made them has ended. */
function removeContextsOfEndedBuilds(buildRoot: string, name: string): void {
  if (!existsSync(buildRoot)) return;
  for (const entry of readdirSync(buildRoot)) {
    const pid = entry.startsWith(`${name}-`) ? Number(entry.slice(name.length + 1)) : NaN;
    if (Number.isInteger(pid) && !isProcessAlive(pid)) rmSync(join(buildRoot, entry), { recursive: true, force: true });
  }
}

