import { createInterface } from 'node:readline';
import type { Io } from './output.js';

/** Asks a yes/no question on the terminal; only "y" or "yes" is a yes, and a closed input (Ctrl-D) is a no. */
export function confirm(io: Io, question: string): Promise<boolean> {
  const lines = createInterface({ input: io.stdin, output: io.stderr });
  return new Promise<boolean>((resolve) => {
    lines.once('close', () => resolve(false));
    lines.question(`${question} [y/N] `, (answer) => {
      resolve(/^y(es)?$/i.test(answer.trim()));
      lines.close();
    });
  });
}
