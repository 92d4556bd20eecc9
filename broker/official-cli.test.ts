import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from './test-support/official-cli.js';
import { pactDocument } from './test-support/test-broker.js';
import { describeOnEachDatabase } from './test-support/test-database.js';

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-cli-'));
    writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(pactDocument('Foo', 'Bar')));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the official pact-broker CLI', () => {
    it('publishes a pact and prints the notices with the pact URL', async () => {
      const { code, output } = await b.cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--tag', 'dev');
      expect(code).toBe(0);
      expect(output).toContain('Created Foo version 1.0.0 with branch main and tags dev');
      expect(output).toContain('Pact successfully published for Foo version 1.0.0 and provider Bar.');
      expect(output).toContain(`View the published pact at ${b.baseUrl}/pacts/provider/Bar/consumer/Foo/version/1.0.0`);
    });

    it('lists the latest pact versions', async () => {
      const { code, output } = await b.cli('list-latest-pact-versions');
      expect(code).toBe(0);
      expect(output).toMatch(/"Foo"\s*┆\s*"1\.0\.0"\s*┆\s*"Bar"/);
    });

    it('describes a pacticipant', async () => {
      const { code, output } = await b.cli('describe-pacticipant', '--name', 'Foo');
      expect(code).toBe(0);
      expect(output).toContain('Name: Foo');
      expect(output).toContain('Main Branch: main');
    });

    it('lists pacticipants', async () => {
      const { code, output } = await b.cli('list-pacticipants');
      expect(code).toBe(0);
      expect(output).toContain('"Bar"');
      expect(output).toContain('"Foo"');
    });

    it('fails to describe a pacticipant that does not exist', async () => {
      const { code, output } = await b.cli('describe-pacticipant', '--name', 'Nobody');
      expect(code).not.toBe(0);
      expect(output).toContain("Request to pact broker path '/pacticipants/Nobody' failed: 404 Not Found");
    });
  });
});
