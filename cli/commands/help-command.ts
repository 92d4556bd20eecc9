import { helpText } from '../help-text.js';
import type { Command } from './command.js';

/** `pactsafs help` (also `--help` with any command, and no command at all). */
export const helpCommand: Command = async ({ io }) => {
  io.stdout.write(helpText());
};
