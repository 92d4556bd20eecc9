import { describe, expect, it } from 'vitest';
import { parseArguments } from './arguments.js';
import { ExitCode, UsageError } from './cli-errors.js';

describe('parseArguments', () => {
  it.each([
    [[], 'help', {}],
    [['list', '--json'], 'list', {}],
    [['deploy', 'acme'], 'deploy', { tenant: 'acme' }],
    [['deploy', 'acme', '9292', '--runtime', 'docker'], 'deploy', { tenant: 'acme', port: '9292' }],
    [['--url', 'http://x:1', 'status', 'acme'], 'status', { tenant: 'acme' }],
    [['remove', 'acme', '-y', '--keep-data'], 'remove', { tenant: 'acme' }],
    [['logs', 'acme', '-f', '--tail', '20', '--db'], 'logs', { tenant: 'acme' }],
    [['hosts', '--write', '--hosts-file', '/tmp/h'], 'hosts', {}],
    [['deploy', '--help'], 'deploy', {}],
  ])('%j is %s with operands %j', (args, verb, operands) => {
    const invocation = parseArguments(args);
    expect(invocation.verb).toBe(verb);
    expect(invocation.operands).toEqual(operands);
  });

  it('reads the flags into their types', () => {
    const { flags } = parseArguments(['logs', 'acme', '--follow', '--tail', '20', '--db', '--url', 'http://x:1']);
    expect(flags).toMatchObject({ follow: true, tail: 20, db: true, url: 'http://x:1', json: false, yes: false });
    expect(parseArguments(['hosts', '--hosts-file', '/tmp/h', '--write']).flags).toMatchObject({ hostsFile: '/tmp/h', write: true });
    expect(parseArguments(['serve', '--role', 'gateway']).flags.role).toBe('gateway');
    expect(parseArguments(['serve']).flags.role).toBeUndefined();
  });

  it.each([
    [['lst'], /Unknown command "lst"/],
    [['list', '--bogus'], /Unknown flag --bogus/],
    [['list', '--yes'], /`pactsafs list` takes no --yes flag/],
    [['deploy'], /`pactsafs deploy` needs a <tenant>/],
    [['stop', 'a', 'b'], /Unexpected argument "b"/],
    [['deploy', 'acme', '--runtime', 'podman'], /--runtime must be docker or embedded/],
    [['logs', 'acme', '--tail', 'ten'], /--tail takes a number of lines/],
    [['backup', 'acme', '--out'], /--out needs a value/],
    [['serve', '--role', 'edge'], /--role must be all, gateway or control, not "edge"/],
    [['list', '--role', 'gateway'], /`pactsafs list` takes no --role flag/],
  ])('%j is a usage error: %s', (args, message) => {
    let thrown: unknown;
    try {
      parseArguments(args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toMatch(message);
    expect((thrown as UsageError).exitCode).toBe(ExitCode.usage);
  });
});
