import { describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });

  /** Creates an environment with the CLI and returns its uuid, read from the JSON output. */
  async function createWithCli(...args: string[]): Promise<string> {
    return dig(await b.cliJson('create-environment', ...args), 'uuid') as string;
  }

  describe('the official pact-broker CLI', () => {
    it('create-environment prints the new uuid, and stores name, display name, production flag and contact', async () => {
      const { code, output } = await b.cli('create-environment', '--name', 'test', '--display-name', 'Test', '--contact-name', 'QA', '--contact-email-address', 'qa@example.com');
      expect(code).toBe(0);
      expect(output).toMatch(/Created test environment in the Pact Broker with UUID [0-9a-f-]{36}/);
      const uuid = /with UUID ([0-9a-f-]{36})/.exec(output)?.[1];
      expect(await b.cliJson('describe-environment', '--uuid', uuid as string)).toMatchObject({
        uuid,
        name: 'test',
        displayName: 'Test',
        production: false,
        contacts: [{ name: 'QA', details: { emailAddress: 'qa@example.com' } }],
      });
    });

    it('create-environment -o json answers the environment, production flag included', async () => {
      const created = await b.cliJson('create-environment', '--name', 'production', '--production');
      expect(created).toMatchObject({ name: 'production', displayName: 'Production', production: true });
      expect(dig(created, '_links', 'self', 'href')).toBe(`${b.baseUrl}/environments/${dig(created, 'uuid') as string}`);
    });

    it('create-environment prints the broker validation messages and fails', async () => {
      await createWithCli('--name', 'taken');
      const duplicate = await b.cli('create-environment', '--name', 'taken');
      expect(duplicate.code).not.toBe(0);
      expect(duplicate.output).toContain("name: name 'taken' is already used by an existing environment.");
      const spaced = await b.cli('create-environment', '--name', 'two words');
      expect(spaced.code).not.toBe(0);
      expect(spaced.output).toContain('name: cannot contain spaces');
    });

    it('list-environments lists them by display name, as JSON and as a table', async () => {
      const listed = await b.cliJson('list-environments');
      const names = (dig(listed, '_embedded', 'environments') as { name: string }[]).map((environment) => environment.name);
      expect(names).toEqual(['production', 'taken', 'test']);
      const { code, output } = await b.cli('list-environments');
      expect(code).toBe(0);
      expect(output).toMatch(/UUID\s*┆\s*NAME\s*┆\s*DISPLAY NAME\s*┆\s*PRODUCTION/);
      expect(output).toMatch(/┆ production\s*┆ Production\s*┆ true/);
    });

    it('describe-environment prints the environment as text', async () => {
      const uuid = await createWithCli('--name', 'uat', '--contact-name', 'UAT team');
      const { code, output } = await b.cli('describe-environment', '--uuid', uuid);
      expect(code).toBe(0);
      expect(output).toContain(`UUID ${uuid}`);
      expect(output).toContain('Name: uat');
      expect(output).toContain('Display Name: Uat');
      expect(output).toContain('Production: false');
      expect(output).toContain('  - Name: UAT team');
    });

    it('update-environment replaces the environment', async () => {
      const uuid = await createWithCli('--name', 'perf', '--contact-name', 'Perf team');
      const { code, output } = await b.cli('update-environment', '--uuid', uuid, '--name', 'performance', '--display-name', 'Performance', '--production');
      expect(code).toBe(0);
      expect(output).toContain(`Updated performance environment in the Pact Broker with UUID ${uuid}`);
      const described = await b.cliJson('describe-environment', '--uuid', uuid);
      expect(described).toMatchObject({ uuid, name: 'performance', displayName: 'Performance', production: true });
      expect(dig(described, 'contacts')).toBeUndefined();
    });

    it('update-environment -o json answers the replaced environment, and fails for an unknown uuid', async () => {
      const uuid = await createWithCli('--name', 'stage');
      expect(await b.cliJson('update-environment', '--uuid', uuid, '--name', 'staging')).toMatchObject({ uuid, name: 'staging', displayName: 'Staging' });
      const unknown = await b.cli('update-environment', '--uuid', '5678', '--name', 'x');
      expect(unknown.code).not.toBe(0);
      expect(unknown.output).toContain('Environment with UUID 5678 not found');
    });

    it('delete-environment deletes it, after which describe-environment fails', async () => {
      const uuid = await createWithCli('--name', 'gone');
      const { code, output } = await b.cli('delete-environment', '--uuid', uuid);
      expect(code).toBe(0);
      expect(output).toContain(`Environment gone with UUID ${uuid} deleted successfully`);
      const described = await b.cli('describe-environment', '--uuid', uuid);
      expect(described.code).not.toBe(0);
      expect(described.output).toContain('404 Not Found');
    });
  });
});
