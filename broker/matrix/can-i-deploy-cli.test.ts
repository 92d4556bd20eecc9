import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig, pactDocument } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

/**
 * The official `pact-broker can-i-deploy` and `can-i-merge` against pacts published with the CLI and
 * verification results published over HTTP the way the Rust verifier does (docs/broker-api.md#the-verifiers-sequence).
 *
 * Foo 1 (main) is verified by Bar b1 (main, tag prod, deployed to production); Foo 2 (feat/x) has a
 * failed result from Bar b2; Foo 3 (main) is not verified.
 */
describeOnEachDatabase((database) => {
  const broker = useCliBroker(database, { scope: 'all' });
  let dir: string;

  async function publish(version: string, branch: string, interactions: string[]): Promise<void> {
    writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(pactDocument('Foo', 'Bar', interactions)));
    const { code, output } = await broker.cli('publish', dir, '--consumer-app-version', version, '--branch', branch);
    if (code !== 0) throw new Error(output);
  }

  /** What the verifier does after verifying one pact: branch and tags through the provider resource, then the results. */
  async function verify(consumerVersion: string, providerVersion: string, success: boolean, { branch, tags = [] }: { branch: string; tags?: string[] }) {
    const pact = await broker.t.json('GET', `/pacts/provider/Bar/consumer/Foo/version/${consumerVersion}`);
    const provider = await broker.t.json('GET', path(dig(pact.body, '_links', 'pb:provider', 'href')));
    const expand = (rel: string, values: Record<string, string>) =>
      path(String(dig(provider.body, '_links', rel, 'href')).replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(values[key] ?? '')));
    const puts = [expand('pb:branch-version', { branch, version: providerVersion }), ...tags.map((tag) => expand('pb:version-tag', { version: providerVersion, tag }))];
    for (const put of puts) {
      const { status } = await broker.t.json('PUT', put, { body: {} });
      if (status !== 201) throw new Error(`PUT ${put} answered ${status}`);
    }
    const results = await broker.t.json('POST', path(dig(pact.body, '_links', 'pb:publish-verification-results', 'href')), {
      body: { success, providerApplicationVersion: providerVersion, verifiedBy: { implementation: 'Pact-Rust', version: '1.4.8' } },
    });
    if (results.status !== 201) throw new Error(`Publishing results answered ${results.status}`);
  }

  const path = (href: unknown) => new URL(String(href)).pathname;

  /** `can-i-deploy … -o json`: the exit code and the broker's answer as the CLI printed it. */
  async function canIDeployJson(...args: string[]): Promise<{ code: number; body: unknown }> {
    const { code, output } = await broker.cli('can-i-deploy', ...args, '-o', 'json');
    return { code, body: JSON.parse(output.slice(output.indexOf('{'))) as unknown };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broker-cid-'));
    await publish('1', 'main', ['a request for things']);
    await verify('1', 'b1', true, { branch: 'main', tags: ['prod'] });
    await publish('2', 'feat/x', ['a request for other things']);
    await verify('2', 'b2', false, { branch: 'feat/x' });
    await publish('3', 'main', ['a request for new things']);
    for (const args of [
      ['create-environment', '--name', 'production', '--production'],
      ['record-deployment', '--pacticipant', 'Bar', '--version', 'b1', '--environment', 'production'],
    ]) {
      const { code, output } = await broker.cli(...args);
      if (code !== 0) throw new Error(output);
    }
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('can-i-deploy -o json', () => {
    it('says yes for a version verified by the provider version in the environment', async () => {
      const { code, body } = await canIDeployJson('--pacticipant', 'Foo', '--version', '1', '--to-environment', 'production');
      expect(code).toBe(0);
      expect(dig(body, 'summary')).toEqual({
        deployable: true,
        reason: 'All required verification results are published and successful',
        success: 1,
        failed: 0,
        unknown: 0,
      });
      expect(dig(body, 'notices')).toEqual([{ type: 'success', text: 'All required verification results are published and successful' }]);
      expect(dig(body, 'matrix', 0, 'consumer', 'version', 'number')).toBe('1');
      expect(dig(body, 'matrix', 0, 'provider', 'version', 'number')).toBe('b1');
      expect(dig(body, 'matrix', 0, 'provider', 'version', 'environments', 0, 'name')).toBe('production');
      expect(dig(body, 'matrix', 0, 'verificationResult', 'success')).toBe(true);
    });

    it.each([
      [
        'a version the deployed provider never verified',
        ['--pacticipant', 'Foo', '--version', '2', '--to-environment', 'production'],
        null,
        'There is no verified pact between version 2 of Foo and the version of Bar currently in production (b1)',
      ],
      [
        'a failed verification',
        ['--pacticipant', 'Foo', '--version', '2', '--pacticipant', 'Bar', '--version', 'b2'],
        false,
        'The verification for the pact between version 2 of Foo and version b2 of Bar failed',
      ],
      [
        'a version that does not exist',
        ['--pacticipant', 'Foo', '--version', '9', '--to-environment', 'production'],
        false,
        'No pacts or verifications have been published for version 9 of Foo',
      ],
      [
        'the latest version, not verified',
        ['--pacticipant', 'Foo', '--latest', '--to-environment', 'production'],
        null,
        'There is no verified pact between the latest version of Foo (3) and the version of Bar currently in production (b1)',
      ],
    ])('says no for %s, with the reason', async (_, args, deployable, reason) => {
      const { code, body } = await canIDeployJson(...args);
      expect(dig(body, 'summary', 'deployable')).toBe(deployable);
      expect(dig(body, 'notices')).toContainEqual({ type: 'error', text: reason });
      expect(String(dig(body, 'summary', 'reason'))).toContain(reason);
      // With -o json the CLI prints the answer and exits 0 whatever it says (pact-broker-cli can_i_deploy.rs).
      expect(code).toBe(0);
    });

    it.each([
      // Versions 1 and 3 are on main; 3 is unverified.
      ['a branch', ['--pacticipant', 'Foo', '--branch', 'main', '--to-environment', 'production'], null],
      ['the main branch', ['--pacticipant', 'Foo', '--main-branch', '--to-environment', 'production'], null],
      ['a tag (--to)', ['--pacticipant', 'Foo', '--version', '1', '--to', 'prod'], true],
    ])('selects by %s', async (_, args, deployable) => {
      const { body } = await canIDeployJson(...args);
      expect(dig(body, 'summary', 'deployable')).toBe(deployable);
    });

    it('ignores a pacticipant with --ignore and counts the ignored row', async () => {
      const { body } = await canIDeployJson('--pacticipant', 'Foo', '--version', '2', '--to-environment', 'production', '--ignore', 'Bar');
      expect(dig(body, 'summary')).toEqual({ deployable: true, reason: 'There are no missing dependencies', success: 0, failed: 0, unknown: 0, ignored: 1 });
      expect(dig(body, 'matrix', 0, 'ignored')).toBe(true);
    });
  });

  describe('exit codes and table output', () => {
    it('exits 0 and prints the matrix and "Computer says yes" when deployable', async () => {
      const { code, output } = await broker.cli('can-i-deploy', '--pacticipant', 'Foo', '--version', '1', '--to-environment', 'production');
      expect(code).toBe(0);
      expect(output).toMatch(/Foo\s*┆\s*1\s*┆\s*Bar\s*┆\s*b1\s*┆\s*true/);
      expect(output).toContain(`${broker.baseUrl}/pacts/provider/Bar/consumer/Foo/pact-version/`);
      expect(output).toContain('All required verification results are published and successful');
      expect(output).toContain('Computer says yes');
    });

    it('exits 1 and prints the reason and "Computer says no" when not deployable', async () => {
      const { code, output } = await broker.cli('can-i-deploy', '--pacticipant', 'Foo', '--version', '2', '--pacticipant', 'Bar', '--version', 'b2');
      expect(code).toBe(1);
      expect(output).toMatch(/Foo\s*┆\s*2\s*┆\s*Bar\s*┆\s*b2\s*┆\s*false/);
      expect(output).toContain('The verification for the pact between version 2 of Foo and version b2 of Bar failed');
      expect(output).toContain('Computer says no');
    });

    it('fails for a pacticipant that does not exist, printing the broker error', async () => {
      const { code, output } = await broker.cli('can-i-deploy', '--pacticipant', 'Nobody', '--version', '1', '--to-environment', 'production');
      expect(code).not.toBe(0);
      expect(output).toContain('Pacticipant Nobody not found');
    });
  });

  describe('can-i-merge', () => {
    it.each([
      ['1', 0],
      ['3', 1],
    ])('for Foo version %s against the main branch of Bar exits %i', async (version, exitCode) => {
      const { code, output } = await broker.cli('can-i-merge', '--pacticipant', 'Foo', '--version', version);
      expect(code).toBe(exitCode);
      expect(output).toContain(exitCode === 0 ? 'Computer says yes' : 'Computer says no');
    });
  });
});
