import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ExitCode } from '../cli-errors.js';
import { capturedIo } from '../test-support/captured-io.js';
import { useServedPlatform } from '../test-support/served-platform.js';

// Issue 13: the idle time of a tenant through the CLI, and its sleeping state in `list` and `status`.
describe('pactsafs and sleeping tenants', () => {
  const platform = useServedPlatform();
  const cli = async (...args: string[]) => {
    const io = capturedIo();
    const code = await runCli([...args, '--url', platform.url], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  it('deploys with --idle-after and shows it in status; a bad value is the platform\'s sentence', async () => {
    const deployed = await cli('deploy', 'acme', '--idle-after', '15m', '--json');
    expect(deployed.code, deployed.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ name: 'acme', idleAfter: '15m' });
    expect((await cli('status', 'acme')).stdout).toMatch(/^idle after +15m$/m);
    await cli('deploy', 'beta');
    expect((await cli('status', 'beta')).stdout).toMatch(/^idle after +the platform's \(PACTSAFS_IDLE_AFTER\)$/m);
    const refused = await cli('deploy', 'gamma', '--idle-after', 'soon');
    expect(refused.code).toBe(ExitCode.failed);
    expect(refused.stderr).toContain('"idleAfter" must be a duration of at least 1s like "15m" or "90s"');
  });

  it('lists a sleeping tenant as sleeping', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    await platform.service.sleep('acme', () => true);
    expect((await cli('list')).stdout).toMatch(/^acme +sleeping +embedded /m);
    expect((await cli('status', 'acme')).stdout).toMatch(/^state +sleeping$/m);
  });
});
