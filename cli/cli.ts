/** The `pactsafs` command line: parses the arguments, runs the verb, turns every failure into a sentence and an exit code. */
import type { ApiClient } from '../control-plane/api/api-client.js';
import { parseArguments, type Verb } from './arguments.js';
import { readCliConfig } from './cli-config.js';
import { platformClient } from './platform-client.js';
import { CliError, ExitCode, type ExitCodeValue } from './cli-errors.js';
import { backupCommand } from './commands/backup-command.js';
import { cleanCommand } from './commands/clean-command.js';
import type { Command } from './commands/command.js';
import { doctorCommand } from './commands/doctor-command.js';
import { helpCommand } from './commands/help-command.js';
import { hostsCommand } from './commands/hosts-command.js';
import { logsCommand } from './commands/logs-command.js';
import { removeCommand } from './commands/remove-command.js';
import { restoreCommand } from './commands/restore-command.js';
import { serveCommand } from './commands/serve-command.js';
import { tokenCommand } from './commands/token-command.js';
import {
  deployCommand,
  listCommand,
  moveCommand,
  startCommand,
  statusCommand,
  stopCommand,
  urlCommand,
} from './commands/tenant-commands.js';
import type { Io } from './output.js';

const COMMANDS: Record<Verb, Command> = {
  help: helpCommand,
  list: listCommand,
  deploy: deployCommand,
  stop: stopCommand,
  start: startCommand,
  status: statusCommand,
  remove: removeCommand,
  backup: backupCommand,
  restore: restoreCommand,
  logs: logsCommand,
  move: moveCommand,
  url: urlCommand,
  hosts: hostsCommand,
  token: tokenCommand,
  clean: cleanCommand,
  doctor: doctorCommand,
  serve: serveCommand,
};

/** Runs one command line; answers the exit code (see `pactsafs help`). */
export async function runCli(args: readonly string[], io: Io = processIo()): Promise<ExitCodeValue> {
  try {
    const invocation = parseArguments(args);
    const command = invocation.flags.help ? helpCommand : COMMANDS[invocation.verb];
    let client: Promise<ApiClient> | undefined;
    const platform = () => (client ??= readCliConfig(invocation.flags.url).then((config) => platformClient(config)));
    return (await command({ invocation, io, platform })) ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`pactsafs: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`pactsafs: unexpected error: ${(error as Error).message ?? String(error)}\n`);
    return ExitCode.failed;
  }
}

function processIo(): Io {
  // `pactsafs logs acme | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}
