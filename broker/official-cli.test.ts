import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pactDocument, startTestBroker, type TestBroker } from './test-support/test-broker.js';
import { describeOnEachDatabase } from './test-support/test-database.js';

const run = promisify(execFile);
const CLI = resolve('node_modules/.bin/pact-broker');

describeOnEachDatabase((database) => {
  let dir: string;
  let t: TestBroker;
  let server: ServerType;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broker-cli-'));
    t = await startTestBroker(database);
    server = await new Promise<ServerType>((ready) => {
      const started = serve({ fetch: t.broker.fetch, hostname: '127.0.0.1', port: 0 }, () => ready(started));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(pactDocument('Foo', 'Bar')));
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number; output: string }> {
    try {
      const { stdout, stderr } = await run(CLI, [...args, '--broker-base-url', baseUrl], { timeout: 30_000 });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  }

  describe('the official pact-broker CLI', () => {
    it('publishes a pact and prints the notices with the pact URL', async () => {
      const { code, output } = await cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--tag', 'dev');
      expect(code).toBe(0);
      expect(output).toContain('Created Foo version 1.0.0 with branch main and tags dev');
      expect(output).toContain('Pact successfully published for Foo version 1.0.0 and provider Bar.');
      expect(output).toContain(`View the published pact at ${baseUrl}/pacts/provider/Bar/consumer/Foo/version/1.0.0`);
    });

    it('lists the latest pact versions', async () => {
      const { code, output } = await cli('list-latest-pact-versions');
      expect(code).toBe(0);
      expect(output).toMatch(/"Foo"\s*┆\s*"1\.0\.0"\s*┆\s*"Bar"/);
    });

    it('describes a pacticipant', async () => {
      const { code, output } = await cli('describe-pacticipant', '--name', 'Foo');
      expect(code).toBe(0);
      expect(output).toContain('Name: Foo');
      expect(output).toContain('Main Branch: main');
    });

    it('lists pacticipants', async () => {
      const { code, output } = await cli('list-pacticipants');
      expect(code).toBe(0);
      expect(output).toContain('"Bar"');
      expect(output).toContain('"Foo"');
    });

    it('fails to describe a pacticipant that does not exist', async () => {
      const { code } = await cli('describe-pacticipant', '--name', 'Nobody');
      expect(code).not.toBe(0);
    });
  });
});
