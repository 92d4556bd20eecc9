import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig, publishBody } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const VERIFIER = resolve('node_modules/.bin/pact-verifier');

/** A pact of `consumer` with Bar: one GET of `path` answered 200 with `body`. */
function orderPact(consumer: string, path: string, body: unknown): Record<string, unknown> {
  return {
    consumer: { name: consumer },
    provider: { name: 'Bar' },
    interactions: [{ description: `a request for ${path}`, request: { method: 'GET', path }, response: { status: 200, headers: { 'Content-Type': 'application/json' }, body } }],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

/** The provider: `/orders` as Web's main branch expects it; `/orders/1` lacks the field feat-x expects, unless broken everything is. */
function startProvider(state: { broken: boolean }): Promise<Server> {
  const server = createServer((request, response) => {
    const bodies: Record<string, unknown> = { '/orders': [{ id: 1 }], '/orders/1': { id: 1 } };
    const body = state.broken ? { error: 'broken' } : bodies[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

interface VerifierRun {
  code: number;
  output: string;
}

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });
  let provider: Server;
  const state = { broken: false };

  beforeAll(async () => {
    provider = await startProvider(state);
    const publish = async (version: string, branch: string, path: string, body: unknown) => {
      const published = await b.t.json('POST', '/contracts/publish', {
        body: publishBody({ pacticipantVersionNumber: version, branch, tags: [] }, orderPact('Web', path, body)),
      });
      expect(published.status).toBe(200);
    };
    await publish('1.0.0', 'main', '/orders', [{ id: 1 }]);
    await publish('1.1.0', 'feat-x', '/orders/1', { id: 1, express: true });
  });
  afterAll(async () => {
    await new Promise((done) => provider.close(done));
  });

  /** Runs the official verifier against the broker for provider Bar on branch main, publishing as `providerVersion`. */
  async function verifier(providerVersion: string): Promise<VerifierRun> {
    const args = [
      '--no-colour',
      '--broker-url', b.baseUrl,
      '--provider-name', 'Bar',
      '--hostname', '127.0.0.1',
      '--port', String((provider.address() as AddressInfo).port),
      '--consumer-version-selectors', JSON.stringify({ mainBranch: true }),
      '--enable-pending',
      '--include-wip-pacts-since', '2000-01-01',
      '--provider-branch', 'main',
      '--publish',
      '--provider-version', providerVersion,
    ];
    return new Promise((done) => {
      execFile(VERIFIER, args, { timeout: 60_000, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_BROKER_HTTP_RETRIES: '0' } }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
      });
    });
  }

  describe('the official pact-verifier', () => {
    it('verifies the main pact (pending) and the WIP pact, publishes both results and the provider branch', async () => {
      const run = await verifier('2.0.0');
      printOnce('first run', run);
      expect(run.output).toContain("This pact is in pending state for this version of Bar because a successful verification result for a version of Bar from branch 'main' has not yet been published.");
      expect(run.output).toContain("is being verified because it is a 'work in progress' pact (ie. it is the pact for the latest version of Web from branch 'feat-x'");
      expect(run.output).toContain("This pact is in pending state for this version of Bar because it was included as a 'work in progress' pact.");
      expect(run.output).toContain("This pact is no longer in pending state for any version of Bar from branch 'main', as a successful verification result has been published.");
      expect(run.output).toContain("This pact is still in pending state for any version of Bar from branch 'main' as a successful verification result has not yet been published");
      // The WIP pact fails (no `express`), but pending failures do not fail the build.
      expect(run.code).toBe(0);

      const version = (await b.t.json('GET', '/pacticipants/Bar/versions/2.0.0')).body;
      expect(dig(version, '_embedded', 'branchVersions', 0, 'name')).toBe('main');
      const main = await b.t.json('GET', '/pacts/provider/Bar/consumer/Web/version/1.0.0/verification-results/latest');
      expect(dig(main.body, 'success')).toBe(true);
      expect(dig(main.body, 'providerApplicationVersion')).toBe('2.0.0');
      const wip = await b.t.json('GET', '/pacts/provider/Bar/consumer/Web/version/1.1.0/verification-results/latest');
      expect(dig(wip.body, 'success')).toBe(false);
    });

    it('then holds the verified main pact to account: a broken provider fails the build, the WIP pact stays WIP', async () => {
      state.broken = true;
      const run = await verifier('2.0.1').finally(() => (state.broken = false));
      printOnce('second run (broken provider)', run);
      expect(run.output).toContain("This pact has previously been successfully verified by a version of Bar from branch 'main'. If this verification fails, it will fail the build.");
      expect(run.output).toContain("'work in progress' pact");
      expect(run.code).not.toBe(0);
    });
  });
});

const printed = new Set<string>();

/** Prints the verifier's output once per run name (set PRINT_VERIFIER_OUTPUT=1), for reports. */
function printOnce(name: string, run: VerifierRun): void {
  if (process.env.PRINT_VERIFIER_OUTPUT !== '1' || printed.has(name)) return;
  printed.add(name);
  process.stdout.write(`\n===== pact-verifier ${name} (exit ${run.code}) =====\n${run.output}\n`);
}
