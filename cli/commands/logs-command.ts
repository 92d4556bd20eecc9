import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { operand } from '../arguments.js';
import type { Command } from './command.js';

/** `pactsafs logs <tenant> [--follow] [--tail N] [--db]`: the log as the platform streams it. */
export const logsCommand: Command = async ({ invocation, io, platform }) => {
  const { follow, tail, db } = invocation.flags;
  const response = await (await platform()).logs(operand(invocation, 'tenant'), { tail, follow, ...(db && { role: 'db' }) });
  if (!response.body) return;
  for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
    if (!io.stdout.write(chunk as Buffer)) await once(io.stdout, 'drain');
  }
};
