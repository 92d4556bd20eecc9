import { PassThrough } from 'node:stream';
import type { Io } from '../output.js';

/** Streams for runCli that record what a command printed; stdin is not a terminal. */
export function capturedIo(): Io & { output: () => string; errors: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let output = '';
  let errors = '';
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return { stdout, stderr, stdin: new PassThrough(), output: () => output, errors: () => errors };
}
