import { describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });

  describe('the official CLI on pacticipants', () => {
    it('create-or-update-pacticipant creates a missing pacticipant (GET 404, then POST)', async () => {
      const { code, output } = await b.cli('create-or-update-pacticipant', '--name', 'order-service', '--main-branch', 'main', '--repository-url', 'http://git/order');
      expect(code).toBe(0);
      expect(output).toContain('Pacticipant does not exist, creating it at:');
      expect(output).toContain("Pacticipant 'order-service' created successfully");
      expect(await b.cliJson('describe-pacticipant', '--name', 'order-service')).toMatchObject({
        name: 'order-service',
        displayName: 'Order Service',
        mainBranch: 'main',
        repositoryUrl: 'http://git/order',
      });
    });

    it('create-or-update-pacticipant updates only the given properties of an existing one (PATCH)', async () => {
      await b.cli('create-or-update-pacticipant', '--name', 'billing', '--repository-url', 'http://git/billing');
      const { code, output } = await b.cli('create-or-update-pacticipant', '--name', 'billing', '--display-name', 'Billing API', '--main-branch', 'trunk');
      expect(code).toBe(0);
      expect(output).toContain("Pacticipant 'billing' updated successfully");
      const described = await b.cliJson('describe-pacticipant', '--name', 'billing');
      expect(described).toMatchObject({ displayName: 'Billing API', mainBranch: 'trunk', repositoryUrl: 'http://git/billing' });
      expect(dig(described, 'updatedAt')).toEqual(expect.any(String));
    });

    it("create-or-update-pacticipant prints the broker's validation message", async () => {
      const { code, output } = await b.cli('create-or-update-pacticipant', '--name', 'billing', '--main-branch', 'origin main');
      expect(code).not.toBe(0);
      expect(output).toContain(`Failed to update pacticipant 'billing': failed validation - ["mainBranch: cannot contain spaces"]`);
      expect(dig(await b.cliJson('describe-pacticipant', '--name', 'billing'), 'mainBranch')).toBe('trunk');
    });

    it('describe-pacticipant prints the text fields', async () => {
      const { code, output } = await b.cli('describe-pacticipant', '--name', 'order-service');
      expect(code).toBe(0);
      expect(output).toContain('Name: order-service');
      expect(output).toContain('Display Name: Order Service');
      expect(output).toContain('Repo URL: http://git/order');
      expect(output).toMatch(/Created: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00/);
    });

    it('describe-pacticipant fails for an unknown pacticipant', async () => {
      const { code, output } = await b.cli('describe-pacticipant', '--name', 'nobody');
      expect(code).not.toBe(0);
      expect(output).toContain("Request to pact broker path '/pacticipants/nobody' failed: 404 Not Found");
    });

    it('list-pacticipants lists them in JSON and as a table', async () => {
      const listed = await b.cliJson('list-pacticipants');
      const names = ((dig(listed, 'pacticipants') ?? []) as { name: string }[]).map((pacticipant) => pacticipant.name);
      expect(names).toEqual(['billing', 'order-service']);
      const { code, output } = await b.cli('list-pacticipants');
      expect(code).toBe(0);
      expect(output).toMatch(/"billing"\s*┆\s*"Billing API"/);
      expect(output).toMatch(/"order-service"\s*┆\s*"Order Service"/);
    });
  });
});
