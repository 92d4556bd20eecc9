import { describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const names = (list: unknown) => ((list ?? []) as { name: string }[]).map((item) => item.name);

describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });

  describe('the official CLI on versions, branches and tags', () => {
    it('create-or-update-version creates a bare version (PUT …/versions/{v})', async () => {
      const { code, output } = await b.cli('create-or-update-version', '--pacticipant', 'web', '--version', '1.0.0');
      expect(code).toBe(0);
      expect(output).toContain("Version '1.0.0' created or updated successfully");
      expect(dig(await b.cliJson('describe-version', '--pacticipant', 'web', '--version', '1.0.0'), 'number')).toBe('1.0.0');
    });

    it('create-or-update-version puts a version on a branch and tags it', async () => {
      const { code, output } = await b.cli('create-or-update-version', '--pacticipant', 'web', '--version', '1.1.0', '--branch', 'main', '--tag', 'prod');
      expect(code).toBe(0);
      expect(output).toContain("Branch 'main' created for version '1.1.0'");
      expect(output).toContain("Tag 'prod' created for version '1.1.0'");
      const version = await b.cliJson('describe-version', '--pacticipant', 'web', '--version', '1.1.0');
      expect(names(dig(version, '_embedded', 'branchVersions'))).toEqual(['main']);
      expect(names(dig(version, '_embedded', 'tags'))).toEqual(['prod']);
      // The real broker embeds no `branches` (version_decorator.rb's second `branch_versions` declaration replaces it; team issue 14, item 2).
      expect(Object.keys(dig(version, '_embedded') as object).sort()).toEqual(['branchVersions', 'tags']);
      expect(dig(await b.cliJson('describe-pacticipant', '--name', 'web'), 'mainBranch')).toBe('main');
    });

    it('describe-version describes the latest version, and the latest with a tag', async () => {
      await b.cli('create-or-update-version', '--pacticipant', 'web', '--version', '1.2.0');
      expect(dig(await b.cliJson('describe-version', '--pacticipant', 'web'), 'number')).toBe('1.2.0');
      expect(dig(await b.cliJson('describe-version', '--pacticipant', 'web', '--latest', 'prod'), 'number')).toBe('1.1.0');
      const { code, output } = await b.cli('describe-version', '--pacticipant', 'web', '--latest', 'prod');
      expect(code).toBe(0);
      expect(output).toMatch(/│ 1\.1\.0\s*┆ prod\s*│/);
    });

    it('describe-version fails for a version that does not exist', async () => {
      const { code, output } = await b.cli('describe-version', '--pacticipant', 'web', '--version', '9.9.9');
      expect(code).not.toBe(0);
      expect(output).toContain('Pacticipant version not found');
    });

    it('create-version-tag tags an existing version, and refuses a missing one', async () => {
      const tagged = await b.cli('create-version-tag', '--pacticipant', 'web', '--version', '1.0.0', '--tag', 'test');
      expect(tagged.code).toBe(0);
      expect(tagged.output).toContain("Tagging version '1.0.0' of pacticipant 'web' with tag 'test' - Success");
      expect(names(dig(await b.cliJson('describe-version', '--pacticipant', 'web', '--version', '1.0.0'), '_embedded', 'tags'))).toEqual(['test']);

      const refused = await b.cli('create-version-tag', '--pacticipant', 'web', '--version', '2.0.0', '--tag', 'test');
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("Version '2.0.0' of pacticipant 'web' does not exist. Use --auto-create-version to create it.");
    });

    it('create-version-tag --auto-create-version creates the version', async () => {
      const { code } = await b.cli('create-version-tag', '--pacticipant', 'web', '--version', '2.0.0', '--tag', 'canary', '--auto-create-version');
      expect(code).toBe(0);
      expect(dig(await b.cliJson('describe-version', '--pacticipant', 'web', '--latest', 'canary'), 'number')).toBe('2.0.0');
    });

    it('delete-version-tag deletes a tag, and says so when it is already gone', async () => {
      const deleted = await b.cli('delete-version-tag', '--pacticipant', 'web', '--version', '1.0.0', '--tag', 'test');
      expect(deleted.code).toBe(0);
      expect(deleted.output).toContain("Successfully deleted tag 'test' from version '1.0.0' of pacticipant 'web'");
      expect(names(dig(await b.cliJson('describe-version', '--pacticipant', 'web', '--version', '1.0.0'), '_embedded', 'tags'))).toEqual([]);
      const again = await b.cli('delete-version-tag', '--pacticipant', 'web', '--version', '1.0.0', '--tag', 'test');
      expect(again.output).toContain("Tag 'test' for version '1.0.0' of pacticipant 'web' was not found (may have already been deleted)");
    });

    it('delete-branch deletes a branch (a slash in its name included) and keeps its versions', async () => {
      await b.t.json('PUT', '/pacticipants/web/branches/feat%2Flogin/versions/3.0.0', { body: { name: 'feat/login' } });
      const { code, output } = await b.cli('delete-branch', '--pacticipant', 'web', '--branch', 'feat/login', '--error-when-not-found', 'true');
      expect(code).toBe(0);
      expect(output).toContain("Successfully deleted branch 'feat/login' of pacticipant 'web'");
      expect((await b.t.request('GET', '/pacticipants/web/branches/feat%2Flogin')).status).toBe(404);
      expect(names(dig(await b.cliJson('describe-version', '--pacticipant', 'web', '--version', '3.0.0'), '_embedded', 'branchVersions'))).toEqual([]);
    });

    it('delete-branch of a missing branch fails only with --error-when-not-found', async () => {
      const tolerated = await b.cli('delete-branch', '--pacticipant', 'web', '--branch', 'gone');
      expect(tolerated.code).toBe(0);
      expect(tolerated.output).toContain("Could not delete branch 'gone' of pacticipant 'web' as it was not found");
      const refused = await b.cli('delete-branch', '--pacticipant', 'web', '--branch', 'gone', '--error-when-not-found', 'true');
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("Could not delete branch 'gone' of pacticipant 'web' as it was not found");
    });
  });
});
