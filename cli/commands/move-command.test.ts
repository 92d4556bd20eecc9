import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ExitCode } from '../cli-errors.js';
import { capturedIo } from '../test-support/captured-io.js';
import { useServedPlatform } from '../test-support/served-platform.js';

// `pactsafs move` (issue 12, item 5) against the real control plane; a move that succeeds needs a swarm (test/e2e/swarm-move.e2e.test.ts).
describe('pactsafs move', () => {
  const platform = useServedPlatform();
  const cli = async (...args: string[]) => {
    const io = capturedIo();
    const code = await runCli([...args, '--url', platform.url], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  it('needs --node, and prints the platform\'s sentence when it refuses', async () => {
    await (await platform.service.create({ name: 'mvcli' })).completion;
    expect(await cli('move', 'mvcli')).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: "pactsafs: `pactsafs move` needs --node NODE (a swarm node's id or host name). Usage: pactsafs move <tenant> --node NODE [--json]\n",
    });
    const refused = await cli('move', 'mvcli', '--node', 'sw2');
    expect(refused.code).toBe(ExitCode.failed);
    expect(refused.stderr).toContain('only swarm tenants\' data move between nodes');
    expect((await cli('move', 'nope', '--node', 'sw2')).code).toBe(ExitCode.notFound);
  });

  it('is in the help text', async () => {
    expect((await cli('help')).stdout).toContain("pactsafs move <tenant> --node NODE [--json]\n      move a swarm tenant's data to another node");
  });
});
