import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import type { BrokerOptions } from '../broker.js';
import { useSuiteResource } from './suite-resource.js';
import { startTestBroker, type TestBroker, type UseTestBrokerOptions } from './test-broker.js';
import type { DatabaseKind } from './test-database.js';

const run = promisify(execFile);
const CLI = resolve('node_modules/.bin/pact-broker');

/** A test broker served on 127.0.0.1 (port chosen by the system) for the official `pact-broker` binary. */
export interface CliBroker {
  t: TestBroker;
  baseUrl: string;
  /** Runs `pact-broker <args> --broker-base-url <baseUrl>` and returns its exit code and stdout + stderr. */
  cli(...args: string[]): Promise<{ code: number; output: string }>;
  /** Runs a command with `-o json` and parses its stdout; throws with the output when it fails. */
  cliJson(...args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A CLI broker for each test of the suite, or one for the whole suite with `scope: 'all'`; the
 * answer talks to the current one, as `useTestBroker`'s does.
 */
export function useCliBroker(database: DatabaseKind, { scope, ...options }: UseTestBrokerOptions = {}): CliBroker {
  const now = useSuiteResource(() => startCliBroker(database, options), scope);
  return {
    get t() {
      return now().t;
    },
    get baseUrl() {
      return now().baseUrl;
    },
    cli: (...args) => now().cli(...args),
    cliJson: (...args) => now().cliJson(...args),
    close: () => now().close(),
  };
}

async function startCliBroker(database: DatabaseKind, options: Partial<BrokerOptions> = {}): Promise<CliBroker> {
  const t = await startTestBroker(database, options);
  const server = await new Promise<ServerType>((ready) => {
    const started = serve({ fetch: t.broker.fetch, hostname: '127.0.0.1', port: 0 }, () => ready(started));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const execute = async (args: string[]) => {
    try {
      // No retries: a 5xx should fail the test at once, not after seconds of back-off.
      const env = { ...process.env, PACT_BROKER_HTTP_RETRIES: '0' };
      const { stdout, stderr } = await run(CLI, [...args, '--broker-base-url', baseUrl], { timeout: 30_000, env });
      return { code: 0, stdout, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  };
  return {
    t,
    baseUrl,
    async cli(...args) {
      const { code, output } = await execute(args);
      return { code, output };
    },
    async cliJson(...args) {
      const { code, stdout, output } = await execute([...args, '-o', 'json']);
      if (code !== 0) throw new Error(`pact-broker ${args.join(' ')} exited with ${code}: ${output}`);
      return JSON.parse(stdout) as unknown;
    },
    async close() {
      await new Promise((done) => server.close(done));
      await t.close();
    },
  };
}
