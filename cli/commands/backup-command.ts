import { createWriteStream, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { operand } from '../arguments.js';
import { CliError } from '../cli-errors.js';
import { TransferProgress } from '../progress-bar.js';
import type { Command } from './command.js';

/**
 * `pactsafs backup <tenant> [--out FILE]`: streams the tenant's tar into a temp file beside the
 * target and renames it, so the target name never holds half a backup.
 */
export const backupCommand: Command = async ({ invocation, io, platform }) => {
  const name = operand(invocation, 'tenant');
  const shown = invocation.flags.out ?? `${name}-data.tar`;
  const target = path.resolve(shown);
  const response = await (await platform()).backup(name);
  if (!response.body) throw new CliError(`The platform answered the backup of ${name} without any data; nothing was written.`);
  const progress = new TransferProgress(io.stdout, `Backing up ${name}`, contentLength(response));
  const temp = `${target}.partial-${process.pid}`;
  const onInterrupt = () => {
    rmSync(temp, { force: true });
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    await pipeline(body, progress.counter(), createWriteStream(temp, { flags: 'wx', flush: true }));
    await rename(temp, target);
  } catch (error) {
    progress.abandon();
    await rm(temp, { force: true });
    const reason = ((error as { cause?: Error }).cause ?? (error as Error)).message;
    throw new CliError(`The backup of ${name} did not complete (${reason}); nothing was written to ${shown}.`, undefined, { cause: error });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  io.stdout.write(`Backed up ${name} to ${shown}: ${progress.finish()}.\n`);
};

function contentLength(response: Response): number | undefined {
  const length = Number(response.headers.get('Content-Length') ?? Number.NaN);
  return Number.isInteger(length) && length > 0 ? length : undefined;
}
