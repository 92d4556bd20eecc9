/**
 * bin/pactsafs.js outside vitest (team issue 16): it runs the CLI that `npm run build` bundled into
 * dist/, and falls back to the sources with a one-line notice when the bundle is older than them.
 * The build goes to a copy of the checkout (bin/ copied, everything else linked) so that the shared
 * dist/ is left alone.
 */
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, rm, symlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../test/support/platform-process.js';
import { helpText } from './help-text.js';

const run = promisify(execFile);
let checkout: string;

/** bin/pactsafs.js of the copy as a user starts it: not under vitest, which makes it run the sources. */
async function pactsafs(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.VITEST;
  return run(process.execPath, [path.join(checkout, 'bin/pactsafs.js'), ...args], { cwd: os.tmpdir(), env });
}

beforeAll(async () => {
  checkout = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-built-cli-'));
  for (const entry of await readdir(repoRoot)) {
    if (!['bin', 'dist', '.git'].includes(entry)) await symlink(path.join(repoRoot, entry), path.join(checkout, entry));
  }
  await cp(path.join(repoRoot, 'bin'), path.join(checkout, 'bin'), { recursive: true });
  await run('npm', ['run', 'build'], { cwd: checkout });
}, 60_000);

afterAll(async () => {
  if (checkout) await rm(checkout, { recursive: true, force: true });
});

describe('bin/pactsafs.js', () => {
  it('runs the built CLI from dist/ when it is newer than its sources', async () => {
    // A line added to the bundle shows that the bundle, not the sources, answered.
    await appendFile(path.join(checkout, 'dist/cli.js'), "process.stderr.write('from dist/\\n');\n");
    expect(await pactsafs('help')).toEqual({ stdout: helpText(), stderr: 'from dist/\n' });
  });

  it('runs the sources, saying so on one line, when dist/ is older than them', async () => {
    const longAgo = new Date('2000-01-01T00:00:00Z');
    await utimes(path.join(checkout, 'dist/cli.js'), longAgo, longAgo);
    const { stdout, stderr } = await pactsafs('help');
    expect(stdout).toBe(helpText());
    expect(stderr).toMatch(/^pactsafs: dist\/ is older than \S+\.ts; running the sources through tsx \(slower start; `npm run build` rebuilds\)\n$/);
  });
});
