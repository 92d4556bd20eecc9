import { beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publishProviderStatePacts } from '../test-support/provider-states-fixture.js';

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });
  beforeAll(async () => {
    await publishProviderStatePacts(b.t);
  });

  /** `provider-states list … --json` (the command has no `-o`), parsed. */
  async function listJson(...args: string[]): Promise<unknown> {
    const { code, output } = await b.cli('provider-states', 'list', ...args, '--json');
    expect(code, output).toBe(0);
    return JSON.parse(output) as unknown;
  }

  describe('the official pact-broker CLI: provider-states list', () => {
    it('--json prints the states of the main branch heads', async () => {
      expect(await listJson('--provider', 'Bar')).toEqual({
        providerStates: [
          { name: 'product details', params: { id: '0589' }, consumers: ['Foo2', 'Waffle'] },
          { name: 'state 1', consumers: ['Foo'] },
          { name: 'state 2', consumers: ['Foo'] },
          { name: 'state 3', consumers: ['Waffle'] },
        ],
      });
    });

    it('tabulates names, consumers and params', async () => {
      const { code, output } = await b.cli('provider-states', 'list', '--provider', 'Bar');
      expect(code).toBe(0);
      expect(output).toContain('Provider States for Provider: Bar\nScope: Main branch');
      expect(output).toMatch(/│ product details\s*┆ Foo2, Waffle ┆ \{"id":"0589"\} │/);
      expect(output).toMatch(/│ state 3\s*┆ Waffle\s*┆\s*│/);
    });

    it('--branch reads the heads of that branch, its name encoded in one path segment', async () => {
      const { code, output } = await b.cli('provider-states', 'list', '--provider', 'Bar', '--branch', 'feat/x');
      expect(code).toBe(0);
      expect(output).toContain('Branch: feat/x');
      expect(output).toMatch(/│ state on a branch\s*┆ Foo\s*┆/);
    });

    it('--environment reads the versions deployed or released there', async () => {
      expect(await listJson('--provider', 'Bar', '--environment', 'test')).toEqual({
        providerStates: [
          { name: 'old state', consumers: ['Waffle'] },
          { name: 'state on a branch', consumers: ['Foo'] },
        ],
      });
      const { output } = await b.cli('provider-states', 'list', '--provider', 'Bar', '--environment', 'nowhere');
      expect(output).toContain('Environment: nowhere\n\nNo provider states found.');
    });

    it('fails with the 404 of an unknown provider', async () => {
      const { code, output } = await b.cli('provider-states', 'list', '--provider', 'Nope');
      expect(code).not.toBe(0);
      expect(output).toContain("Request to pact broker path '/pacts/provider/Nope/provider-states' failed: 404 Not Found");
    });
  });
});
