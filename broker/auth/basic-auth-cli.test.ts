/** Basic auth as the official CLI and verifier meet it: credentials from their flags, refusals in their words. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig, pactDocument } from '../test-support/test-broker.js';

const VERIFIER = resolve('node_modules/.bin/pact-verifier');
const WRITER = ['--broker-username', 'ci', '--broker-password', 'ci-secret'];
const READER = ['--broker-username', 'dev', '--broker-password', 'dev-secret'];
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('basic auth with the official CLI and verifier', () => {
  const b = useCliBroker('sqlite', {
    scope: 'all',
    basicAuth: { username: 'ci', password: 'ci-secret', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret', allowPublicRead: false, publicHeartbeat: false, publicBadges: true },
  });
  let dir: string;
  let provider: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broker-auth-'));
    writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(pactDocument('Foo', 'Bar')));
    // Answers the pact's one interaction as it expects.
    const body = JSON.stringify({ description: 'a request for things' });
    provider = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    await new Promise<void>((ready) => provider.listen(0, '127.0.0.1', ready));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((done) => provider?.close(done));
  });

  const publish = (...credentials: string[]) => b.cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', ...credentials);

  it('publishes only with the read/write user, and says why not otherwise', async () => {
    const anonymous = await publish();
    expect(anonymous.code).toBe(1);
    expect(anonymous.output).toContain('failed: 401 Unauthorized');
    const token = await publish('--broker-token', 'abc');
    expect(token.code).toBe(1);
    expect(token.output).toContain('failed: 400 Bad Request');
    const reader = await publish(...READER);
    expect(reader.code).toBe(1);
    expect(reader.output).toContain("Request to pact broker path '/contracts/publish' failed: 401 Unauthorized");
    const writer = await publish(...WRITER);
    expect(writer.code, writer.output).toBe(0);
    expect(writer.output).toContain('Pact successfully published for Foo version 1.0.0 and provider Bar.');
  });

  it('lets the read-only user read, and nobody else', async () => {
    const listed = await b.cli('list-latest-pact-versions', ...READER);
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(/"Foo"\s*┆\s*"1\.0\.0"\s*┆\s*"Bar"/);
    const wrong = await b.cli('list-latest-pact-versions', '--broker-username', 'dev', '--broker-password', 'guess');
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('401 Unauthorized');
    const write = await b.cli('create-or-update-pacticipant', '--name', 'Baz', ...READER);
    expect(write.code).toBe(1);
    expect(write.output).toContain('401 Unauthorized');
  });

  it('verifies with the read-only user, whose result the broker refuses to record', async () => {
    const run = await verify('dev', 'dev-secret');
    expect(run.output).toContain('has a matching body (OK)');
    expect(run.output).toContain("Publishing of verification results failed with an error: IO Error - Request to pact broker path '/pacticipants/Bar/branches/main/versions/2.0.0' failed: 401 Unauthorized");
    const result = await b.t.request('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0/verification-results/latest', { headers: { authorization: basic('ci', 'ci-secret') } });
    expect(result.status).toBe(404);
  });

  it('verifies with the read/write user and publishes the result', async () => {
    const run = await verify('ci', 'ci-secret');
    expect(run.code, run.output).toBe(0);
    const result = await b.t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0/verification-results/latest', {
      headers: { authorization: basic('dev', 'dev-secret') },
    });
    expect(result.status).toBe(200);
    expect(dig(result.body, 'providerApplicationVersion')).toBe('2.0.0');
    expect(dig(result.body, 'success')).toBe(true);
  });

  async function verify(user: string, password: string): Promise<{ code: number; output: string }> {
    const args = [
      '--no-colour', '--broker-url', b.baseUrl, '--provider-name', 'Bar',
      '--hostname', '127.0.0.1', '--port', String((provider.address() as AddressInfo).port),
      '--consumer-version-selectors', JSON.stringify({ mainBranch: true }),
      '--publish', '--provider-version', '2.0.0', '--provider-branch', 'main',
      '--user', user, '--password', password,
    ];
    return new Promise((done) => {
      execFile(VERIFIER, args, { timeout: 60_000, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
      });
    });
  }
});
