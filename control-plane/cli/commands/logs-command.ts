import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { operand } from '../arguments.js';
import { tenantApiPath } from '../../../shared/tenant-name.js';
import type { Command } from './command.js';

/** `pactsafs logs <tenant> [--follow] [--tail N] [--db]`: the log as the platform streams it. */
export const logsCommand: Command = async ({ invocation, io, platform }) => {
  const { follow, tail, db } = invocation.flags;
  const query = new URLSearchParams();
  if (tail !== undefined) query.set('tail', String(tail));
  if (follow) query.set('follow', 'true');
  if (db) query.set('role', 'db');
  const suffix = query.size > 0 ? `/logs?${query}` : '/logs';
  const response = await (await platform()).request('GET', tenantApiPath(operand(invocation, 'tenant'), suffix), {
    headers: { Accept: 'text/plain, application/problem+json' },
  });
  if (!response.body) return;
  for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
    if (!io.stdout.write(chunk as Buffer)) await once(io.stdout, 'drain');
  }
};
