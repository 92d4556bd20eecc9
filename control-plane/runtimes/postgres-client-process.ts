import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { RuntimeError } from '../../shared/errors.js';
import type { PostgresClient } from './sql-dump-database.js';

/** Where the platform reaches a tenant's database server, and who logs in. */
export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The Debian package with `pg_dump` and `psql` of our postgres image's major version (issue 12). */
export const POSTGRES_CLIENT_PACKAGE = 'postgresql-client-15';

/**
 * `pg_dump` and `psql` run as processes of the platform itself (issue 12, item 5: a swarm tenant's
 * database may be on any node, so nothing is `exec`ed in it). The password is in a passfile of the
 * operation's own (mode 0600), never on a command line or in the platform's environment; `close`
 * deletes it.
 */
export async function postgresClientProcess(server: PostgresServer): Promise<{ client: PostgresClient; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pactsafs-pg-'));
  const passfile = path.join(dir, 'pgpass');
  const escape = (value: string) => value.replace(/[\\:]/g, (char) => `\\${char}`);
  await writeFile(passfile, `*:*:*:${escape(server.user)}:${escape(server.password)}\n`, { mode: 0o600 });
  await chmod(passfile, 0o600);
  const connection = `host=${server.host} port=${server.port} user=${server.user} passfile=${passfile}`;
  const client: PostgresClient = (program, args, io) => {
    // The last -d names the database; libpq takes the rest of the connection from the same string.
    const at = args.lastIndexOf('-d');
    const withServer = at < 0 ? [...args, '-d', connection] : args.map((arg, index) => (index === at + 1 ? `${connection} dbname=${arg}` : arg));
    return runProcess(program, withServer, io);
  };
  return { client, close: () => rm(dir, { recursive: true, force: true }) };
}

async function runProcess(program: string, args: string[], io: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream }): Promise<{ code: number; stderr: string }> {
  const child = spawn(program, args, { stdio: [io.input ? 'pipe' : 'ignore', io.output ? 'pipe' : 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  if (io.input && child.stdin) io.input.pipe(child.stdin);
  // psql stopping at an error closes its stdin while the archive still streams: that is its exit code's story, not ours.
  child.stdin?.on('error', () => {});
  if (io.output && child.stdout) child.stdout.pipe(io.output, { end: false });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new RuntimeError(`${program} is not installed where the platform runs: install Debian's ${POSTGRES_CLIENT_PACKAGE} package (the platform image has it).`)
          : error,
      ),
    );
    child.on('close', (exit) => resolve(exit ?? -1));
  });
  if (io.output) await finished(io.output.end());
  return { code, stderr: stderr.trim() };
}
