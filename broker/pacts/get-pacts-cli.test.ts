import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publishProviderPacts } from '../test-support/provider-pacts-fixture.js';

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });
  beforeAll(async () => {
    // The CLI puts --branch into the path unencoded: a branch with a slash cannot be asked for.
    await publishProviderPacts(b.t, 'feat-x');
  });

  const pactHref = (provider: string, consumer: string, version: string) => `${b.baseUrl}/pacts/provider/${provider}/consumer/${consumer}/version/${version}`;

  describe('the official pact-broker CLI: get-pacts', () => {
    it('-o json prints the pb:pacts links of the main branch pacts as "pacts"', async () => {
      expect(await b.cliJson('get-pacts', '--provider', 'Bar')).toEqual({
        pacts: [
          { href: pactHref('Bar', 'Foo', '1'), title: 'Pact between Foo (1) and Bar', name: 'Foo' },
          { href: pactHref('Bar', 'Foo', '2'), title: 'Pact between Foo (2) and Bar', name: 'Foo' },
          { href: pactHref('Bar', 'zoo', '1'), title: 'Pact between zoo (1) and Bar', name: 'zoo' },
        ],
      });
    });

    it.each([
      [['--provider', 'Bar', '--latest'], []],
      [['--provider', 'Other', '--latest'], ['Foo 4', 'zoo 2']],
      [['--provider', 'Bar', '--branch', 'feat-x'], ['Foo 3']],
      [['--provider', 'Other', '--branch', 'feat-x'], []],
      [['--provider', 'Bar', '--branch', 'main', '--latest'], []],
      [['--provider', 'Bar', '--consumer', 'Foo'], ['Foo 1', 'Foo 2']],
      [['--provider', 'Other', '--consumer', 'zoo', '--latest'], ['zoo 2']],
      [['--provider', 'Bar', '--consumer', 'Foo', '--branch', 'feat-x'], ['Foo 3']],
    ])('%j lists %j', async (args, expected) => {
      const pacts = dig(await b.cliJson('get-pacts', ...args), 'pacts') as { href: string; name: string }[];
      expect(pacts.map((pact) => `${pact.name} ${pact.href.split('/').at(-1) ?? ''}`)).toEqual(expected);
    });

    it('tabulates consumer, title and link', async () => {
      const { code, output } = await b.cli('get-pacts', '--provider', 'Bar', '--consumer', 'Foo');
      expect(code).toBe(0);
      expect(output).toMatch(/CONSUMER\s*┆ TITLE\s*┆ LINK/);
      expect(output).toContain(`│ "Foo"    ┆ "Pact between Foo (2) and Bar" ┆ "${pactHref('Bar', 'Foo', '2')}" │`);
      expect(output).not.toContain('zoo');
    });

    it('--consumer --branch --latest prints the pact itself', async () => {
      const pact = await b.cliJson('get-pacts', '--provider', 'Bar', '--consumer', 'Foo', '--branch', 'feat-x', '--latest');
      expect(dig(pact, '_links', 'pb:consumer-version', 'name')).toBe('3');
      expect(dig(pact, 'interactions', 0, 'description')).toBe('3');
    });

    it('--download writes each listed pact to the download directory', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'get-pacts-'));
      try {
        const { code, output } = await b.cli('get-pacts', '--provider', 'Bar', '--download', '--download-dir', dir);
        expect(code).toBe(0);
        expect(output).toContain(`→ ${join(dir, 'zoo-Bar-1.json')}`);
        expect(readdirSync(dir).sort()).toEqual(['Foo-Bar-1.json', 'Foo-Bar-2.json', 'zoo-Bar-1.json']);
        const pact = JSON.parse(readFileSync(join(dir, 'Foo-Bar-2.json'), 'utf8')) as unknown;
        expect(dig(pact, 'interactions', 0, 'description')).toBe('2');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('fails with the 404 of an unknown provider', async () => {
      const { code, output } = await b.cli('get-pacts', '--provider', 'Nope');
      expect(code).not.toBe(0);
      expect(output).toContain("Request to pact broker path '/pacts/provider/Nope/branch' failed: 404 Not Found");
    });
  });
});
