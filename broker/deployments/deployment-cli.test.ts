import { beforeAll, describe, expect, it } from 'vitest';
import { publishVersion } from '../test-support/environments.js';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });
  beforeAll(async () => {
    for (const name of ['test', 'production']) {
      const created = await b.cli('create-environment', '--name', name);
      if (created.code !== 0) throw new Error(created.output);
    }
    for (const version of ['1.0.0', '2.0.0', '3.0.0']) await publishVersion(b.t, 'Foo', version);
  });

  /** `describe-version --environment`: what the CLI finds deployed or released there, as version numbers and instances. */
  async function inEnvironment(environment: string, ...flags: string[]): Promise<string[]> {
    const versions = (await b.cliJson('describe-version', '--pacticipant', 'Foo', '--environment', environment, ...flags)) as unknown[];
    return versions.map((entry) => [dig(entry, '_embedded', 'version', 'number'), dig(entry, 'applicationInstance')].filter(Boolean).join(' '));
  }

  describe('the official pact-broker CLI', () => {
    it('record-deployment records a deployment to an application instance', async () => {
      const { code, output } = await b.cli('record-deployment', '--pacticipant', 'Foo', '--version', '1.0.0', '--environment', 'test', '--application-instance', 'blue');
      expect(code).toBe(0);
      expect(output).toContain('Recorded deployment of Foo version 1.0.0 to test environment (application instance blue) in the Pact Broker.');
      expect(await inEnvironment('test')).toEqual(['1.0.0 blue']);
    });

    it('record-deployment -o json answers the deployed version, replacing the one deployed to the same instance', async () => {
      const first = await b.cliJson('record-deployment', '--pacticipant', 'Foo', '--version', '1.0.0', '--environment', 'test');
      const second = await b.cliJson('record-deployment', '--pacticipant', 'Foo', '--version', '2.0.0', '--environment', 'test');
      expect(second).toMatchObject({ currentlyDeployed: true, _embedded: { version: { number: '2.0.0' }, environment: { name: 'test' } } });
      expect(second).not.toHaveProperty('applicationInstance');
      expect(await b.t.json('GET', `/deployed-versions/${dig(first, 'uuid') as string}`)).toMatchObject({ body: { currentlyDeployed: false } });
      expect(await inEnvironment('test')).toEqual(['2.0.0', '1.0.0 blue']);
    });

    it('record-deployment fails for an environment that does not exist', async () => {
      const { code, output } = await b.cli('record-deployment', '--pacticipant', 'Foo', '--version', '1.0.0', '--environment', 'nowhere');
      expect(code).not.toBe(0);
      expect(output).toContain('Environment nowhere does not exist');
    });

    it('record-undeployment names the instances it could undeploy when given another one', async () => {
      const { code, output } = await b.cli('record-undeployment', '--pacticipant', 'Foo', '--environment', 'test', '--application-instance', 'green');
      expect(code).not.toBe(0);
      expect(output).toContain(
        "Foo is not currently deployed to application instance 'green' in test environment. Please omit the application instance or specify one of the following application instances to record the undeployment from: blue.",
      );
      expect(await inEnvironment('test')).toEqual(['2.0.0', '1.0.0 blue']);
    });

    it('record-undeployment undeploys from one instance, then from none, then has nothing left to undeploy', async () => {
      const fromBlue = await b.cli('record-undeployment', '--pacticipant', 'Foo', '--environment', 'test', '--application-instance', 'blue');
      expect(fromBlue.code).toBe(0);
      expect(fromBlue.output).toContain('Undeployed Foo from test environment (application instance blue)');
      expect(await inEnvironment('test')).toEqual(['2.0.0']);
      const withoutInstance = await b.cli('record-undeployment', '--pacticipant', 'Foo', '--environment', 'test');
      expect(withoutInstance.code).toBe(0);
      expect(withoutInstance.output).toContain('Undeployed Foo from test environment');
      expect(await inEnvironment('test')).toEqual([]);
      const nothingLeft = await b.cli('record-undeployment', '--pacticipant', 'Foo', '--environment', 'test');
      expect(nothingLeft.code).not.toBe(0);
      expect(nothingLeft.output).toContain('Foo is not currently deployed to test environment. Cannot record undeployment.');
    });

    it('record-release records releases, several of which stay supported', async () => {
      const { code, output } = await b.cli('record-release', '--pacticipant', 'Foo', '--version', '2.0.0', '--environment', 'production');
      expect(code).toBe(0);
      expect(output).toContain('Recorded release of Foo version 2.0.0 to production environment in the Pact Broker.');
      const released = await b.cliJson('record-release', '--pacticipant', 'Foo', '--version', '3.0.0', '--environment', 'production');
      expect(released).toMatchObject({ currentlySupported: true, _embedded: { version: { number: '3.0.0' }, environment: { name: 'production' } } });
      expect(await inEnvironment('production', '--released')).toEqual(['2.0.0', '3.0.0']);
    });

    it('record-support-ended ends the support of one release, and fails when it has none left', async () => {
      const { code, output } = await b.cli('record-support-ended', '--pacticipant', 'Foo', '--version', '2.0.0', '--environment', 'production');
      expect(code).toBe(0);
      expect(output).toContain('Recorded support ended for application Foo, version 2.0.0 from production environment');
      expect(await inEnvironment('production', '--released')).toEqual(['3.0.0']);
      const again = await b.cli('record-support-ended', '--pacticipant', 'Foo', '--version', '2.0.0', '--environment', 'production');
      expect(again.code).not.toBe(0);
      expect(again.output).toContain('No currently released versions found for Foo in production environment');
    });

    it('describe-version --environment prints deployed versions as a table', async () => {
      await b.cli('record-deployment', '--pacticipant', 'Foo', '--version', '3.0.0', '--environment', 'production', '--application-instance', 'eu');
      const { code, output } = await b.cli('describe-version', '--pacticipant', 'Foo', '--environment', 'production', '--deployed');
      expect(code).toBe(0);
      expect(output).toMatch(/VERSION\s*┆\s*STATUS\s*┆\s*ENVIRONMENT\s*┆\s*APPLICATION INSTANCE/);
      expect(output).toMatch(/3\.0\.0\s*┆ Deployed\s*┆ production\s*┆ eu/);
    });
  });
});
