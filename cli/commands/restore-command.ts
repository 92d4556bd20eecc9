import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { RestoredTenant } from '../../control-plane/api/contract.js';
import { operand } from '../arguments.js';
import { CliError } from '../cli-errors.js';
import { formatDate } from '../output.js';
import { TransferProgress } from '../progress-bar.js';
import type { Command } from './command.js';
import { printTenantOutcome } from './tenant-commands.js';

/** `pactsafs restore <tenant> [--file FILE]`: streams the tar as the body of POST /restore, with its length. */
export const restoreCommand: Command = async ({ invocation, io, platform }) => {
  const name = operand(invocation, 'tenant');
  const shown = invocation.flags.file ?? `${name}-data.tar`;
  const file = path.resolve(shown);
  const size = await backupSize(file, shown, name);
  const client = await platform();
  const progress = new TransferProgress(io.stdout, `Restoring ${name}`, size);
  const counter = progress.counter();
  const source = createReadStream(file);
  source.on('error', (error) => counter.destroy(error));
  source.pipe(counter);
  let tenant: RestoredTenant;
  try {
    tenant = await client.restore(name, Readable.toWeb(counter) as ReadableStream<Uint8Array>, size);
  } catch (error) {
    progress.abandon();
    source.destroy();
    throw error;
  }
  const summary = progress.finish();
  if (invocation.flags.json) return printTenantOutcome(io, tenant, true);
  const origin = tenant.restoredFrom ? ` (a backup of ${tenant.restoredFrom.tenant} taken ${formatDate(tenant.restoredFrom.createdAt)})` : '';
  io.stdout.write(`Restored ${name} from ${shown}${origin}: ${summary}.\n`);
  printTenantOutcome(io, tenant, false);
};

async function backupSize(file: string, shown: string, name: string): Promise<number> {
  const stats = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new CliError(`There is no ${shown} to restore from; make one with \`pactsafs backup ${name}\`, or name another file with --file FILE.`);
    }
    throw new CliError(`Cannot read ${shown}: ${error.message}.`);
  });
  if (!stats.isFile()) throw new CliError(`${shown} is not a file; name a backup tar with --file FILE.`);
  return stats.size;
}
