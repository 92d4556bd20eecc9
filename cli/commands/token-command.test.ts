import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ExitCode } from '../cli-errors.js';
import { capturedIo } from '../test-support/captured-io.js';
import { useServedPlatform } from '../test-support/served-platform.js';

describe('pactsafs token', () => {
  const platform = useServedPlatform();
  const cli = async (...args: string[]) => {
    const io = capturedIo();
    const code = await runCli([...args, '--url', platform.url], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  it('creates a token and prints it once on stdout, lists it without the secret, and revokes it', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    const created = await cli('token', 'create', 'acme', '--name', 'ci', '--scope', 'read-write', '--expires-at', '2099-01-31T00:00:00Z');
    expect(created.code).toBe(ExitCode.ok);
    expect(created.stdout).toMatch(/^pbs_[A-Za-z0-9_-]{43}\n$/);
    const id = /id ([0-9a-f]{16})\)/.exec(created.stderr)?.[1] ?? '';
    expect(created.stderr).toBe(
      `Token "ci" (read-write, expires 2099-01-31 00:00 UTC, id ${id}) of tenant acme: keep it now, it is not shown again.\n` +
        'Use it with pact-broker --broker-token, or as PACT_BROKER_TOKEN.\n',
    );
    const listed = await cli('token', 'list', 'acme');
    expect(listed).toMatchObject({ code: ExitCode.ok, stderr: '' });
    expect(listed.stdout).toMatch(new RegExp(`^ID +NAME +SCOPE +CREATED +EXPIRES +LAST USED\\n${id} +ci +read-write +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +2099-01-31 00:00 UTC +-\\n$`));
    expect(listed.stdout).not.toContain(created.stdout.trim());
    const json = await cli('token', 'create', 'acme', '--name', 'dev', '--scope', 'read-only', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'dev', scope: 'read-only', token: expect.stringMatching(/^pbs_/), expiresAt: null });
    expect(await cli('token', 'revoke', 'acme', id)).toEqual({ code: ExitCode.ok, stdout: `Token ${id} of tenant acme is revoked.\n`, stderr: '' });
    expect(JSON.parse((await cli('token', 'list', 'acme', '--json')).stdout).tokens.map((token: { name: string }) => token.name)).toEqual(['dev']);
  });

  it('deploys a tenant that takes only requests with a token (--require-auth)', async () => {
    const deployed = await cli('deploy', 'locked', '--require-auth', '--json');
    expect(deployed.code, deployed.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ name: 'locked', requireAuth: true, basicAuth: null });
    expect(JSON.parse((await cli('deploy', 'open', '--json')).stdout)).toMatchObject({ requireAuth: false });
  });

  it('answers usage errors with 2, refusals with 1 and unknown tenants or tokens with 4, each with a sentence', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    expect(await cli('token', 'create', 'acme', '--name', 'ci')).toMatchObject({ code: ExitCode.usage, stderr: expect.stringContaining('`pactsafs token create` needs --name and --scope.') });
    expect(await cli('token', 'rotate', 'acme')).toMatchObject({ code: ExitCode.usage, stderr: expect.stringContaining('`pactsafs token` takes create, list or revoke, not "rotate".') });
    expect(await cli('token', 'revoke', 'acme')).toMatchObject({ code: ExitCode.usage, stderr: expect.stringContaining('`pactsafs token` needs a <id>.') });
    expect(await cli('token', 'create', 'acme', '--name', 'ci', '--scope', 'admin')).toEqual({
      code: ExitCode.failed,
      stdout: '',
      stderr: 'pactsafs: "scope" must be "read-only" or "read-write"; got "admin".\n',
    });
    expect(await cli('token', 'list', 'nobody')).toMatchObject({ code: ExitCode.notFound, stderr: 'pactsafs: There is no tenant named "nobody".\n' });
    expect(await cli('token', 'revoke', 'acme', 'abc')).toMatchObject({ code: ExitCode.notFound, stderr: 'pactsafs: Tenant "acme" has no token with id "abc".\n' });
    expect(await cli('token', 'list', 'acme')).toMatchObject({ stdout: 'Tenant acme has no tokens. Create one with `pactsafs token create acme --name ci --scope read-write`.\n' });
  });
});
