import type { Command } from './command.js';

/**
 * `pactsafs serve` (what `npm start` runs): the platform in this process. main.ts starts it when
 * imported, handles SIGINT/SIGTERM and keeps the process alive while it serves.
 */
export const serveCommand: Command = async () => {
  await import('../../main.js');
};
