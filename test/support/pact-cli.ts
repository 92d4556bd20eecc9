import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './platform-process.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the official binaries of @pact-foundation/pact-cli; resolves with its exit code and output. */
function runPactBinary(name: string, args: string[], timeoutMs: number, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      path.join(repoRoot, 'node_modules/.bin', name),
      args,
      { timeout: timeoutMs, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the official `pact-broker` CLI with `args` (and `env`, such as PACT_BROKER_TOKEN). */
export function pactBroker(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runPactBinary('pact-broker', args, 60_000, env);
}

/** Runs the official `pactflow` CLI (its `publish-provider-contract`, issue 15) with `args`. */
export function pactflow(args: string[]): Promise<CliResult> {
  return runPactBinary('pactflow', args, 60_000);
}

/** Runs the official `pact-verifier` with `args` (without colours, so that output can be matched). */
export function pactVerifier(args: string[]): Promise<CliResult> {
  return runPactBinary('pact-verifier', ['--no-colour', ...args], 120_000);
}

/** Writes a small pact file between `consumer` and `provider` into `dir`. */
export async function writePactFile(dir: string, consumer: string, provider: string, description = 'a request for things'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const pact = {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: [
      {
        description,
        providerState: 'things exist',
        request: { method: 'GET', path: '/things' },
        response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: [{ id: 1 }] },
      },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
  const file = path.join(dir, `${consumer}-${provider}.json`);
  await writeFile(file, JSON.stringify(pact, null, 2));
  return file;
}
