import { execFile } from 'node:child_process';
import path from 'node:path';
import type { CliResult } from './pact-cli.js';
import { repoRoot } from './platform-process.js';

/** Runs the official `pact-verifier` (from @pact-foundation/pact-cli) with `args`. */
export function pactVerifier(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      path.join(repoRoot, 'node_modules/.bin/pact-verifier'),
      ['--no-colour', ...args],
      { timeout: 120_000, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
