import type { ApiClient } from '../../control-plane/api/api-client.js';
import type { Invocation } from '../arguments.js';
import type { ExitCodeValue } from '../cli-errors.js';
import type { Io } from '../output.js';

export interface CommandContext {
  invocation: Invocation;
  io: Io;
  /** The platform's API, configured on first use: `help` and `serve` need no platform address. */
  platform(): Promise<ApiClient>;
}

/** A verb's implementation; it answers its exit code (nothing means 0) or throws a CliError. */
export type Command = (context: CommandContext) => Promise<ExitCodeValue | void>;
