import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ExitCode } from '../cli-errors.js';
import { capturedIo } from '../test-support/captured-io.js';
import { useServedPlatform } from '../test-support/served-platform.js';

describe('pactsafs url', () => {
  const platform = useServedPlatform();

  // Team issue 16: the path form first, as it needs no /etc/hosts line; the pact CLI waits ~64 s on a
  // host form it cannot resolve, and `sudo pactsafs` is not a command that runs from a checkout.
  it('prints the path form first, then the host form, its /etc/hosts lines and a sudo command that runs', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    const io = capturedIo();
    expect(await runCli(['url', 'acme', '--url', platform.url], io)).toBe(ExitCode.ok);
    const [pathLine, hostLine, blank, ...rest] = io.output().split('\n');
    expect(pathLine).toMatch(/^path form: http:\/\/localhost:\d+\/t\/acme$/);
    expect(hostLine).toMatch(/^host form: http:\/\/acme\.localhost:\d+$/);
    expect(blank).toBe('');
    const prose = rest.join(' ');
    expect(prose).toContain('"127.0.0.1 acme.localhost" and "::1 acme.localhost" in /etc/hosts (without them it waits about 64 s, then fails)');
    const command = rest.at(-2)?.trim().split(' ') ?? [];
    expect(command.slice(0, 2)).toEqual(['sudo', process.execPath]);
    expect(command.slice(3)).toEqual(['hosts', '--write']);
    expect(existsSync(command[2] ?? '')).toBe(true);
    expect(command[2]).toMatch(/\/bin\/pactsafs\.js$/);
  });
});
