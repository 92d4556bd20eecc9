import { describe, expect, it } from 'vitest';
import { createEnvironment, publishVersion } from '../test-support/environments.js';
import { useCliBroker, type CliBroker } from '../test-support/official-cli.js';
import { dig } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

/** The Foo versions currently deployed to the environment, from its `currently-deployed` resource. */
async function currentlyDeployed(b: CliBroker, environmentUuid: string): Promise<string[]> {
  const { body } = await b.t.json('GET', `/environments/${environmentUuid}/deployed-versions/currently-deployed?pacticipant=Foo`);
  return ((dig(body, '_embedded', 'deployedVersions') ?? []) as unknown[]).map((entry) => dig(entry, '_embedded', 'version', 'number') as string);
}

async function tag(b: CliBroker, version: string, name: string): Promise<void> {
  const { code, output } = await b.cli('create-version-tag', '--pacticipant', 'Foo', '--version', version, '--tag', name);
  expect(code, output).toBe(0);
}

// `PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS` (Ruby default true): PUT of a tag named as an
// environment records the version as deployed there (resources/tag.rb, deployed_version_service.rb
// `maybe_create_deployed_version_for_tag`; team issue 14).
describeOnEachDatabase((database) => {
  const b = useCliBroker(database);
  const off = useCliBroker(database, { createDeployedVersionsForTags: false });

  describe('create-version-tag with a tag named as an environment', () => {
    it('records a deployment there, replacing the previous one, and only one however often the tag is put', async () => {
      const production = await createEnvironment(b.t, 'production');
      for (const version of ['1.0.0', '2.0.0']) await publishVersion(b.t, 'Foo', version);
      await tag(b, '1.0.0', 'production');
      expect(await currentlyDeployed(b, production)).toEqual(['1.0.0']);
      await tag(b, '2.0.0', 'production');
      await tag(b, '2.0.0', 'production');
      expect(await currentlyDeployed(b, production)).toEqual(['2.0.0']);
      const { body } = await b.t.json('GET', '/pacticipants/Foo/versions/2.0.0');
      expect(dig(body, '_links', 'pb:deployed-environments')).toHaveLength(1);
    });

    it('records nothing for a tag that names no environment (case matters, as the Ruby lookup by name)', async () => {
      const production = await createEnvironment(b.t, 'production');
      await publishVersion(b.t, 'Foo', '1.0.0');
      await tag(b, '1.0.0', 'Production');
      await tag(b, '1.0.0', 'prod');
      expect(await currentlyDeployed(b, production)).toEqual([]);
    });

    it('records nothing when PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS is false', async () => {
      const production = await createEnvironment(off.t, 'production');
      await publishVersion(off.t, 'Foo', '1.0.0');
      await tag(off, '1.0.0', 'production');
      expect(await currentlyDeployed(off, production)).toEqual([]);
    });
  });
});
