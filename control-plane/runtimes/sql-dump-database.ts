import { RuntimeError } from '../../shared/errors.js';
import { DATABASE_NAME } from './docker/container-specs.js';
import type { SqlDumpDatabase } from './runtime.js';

const STAGING_DATABASE = `${DATABASE_NAME}_restore`;
const REPLACED_DATABASE = `${DATABASE_NAME}_replaced`;

/** Where a PostgreSQL client program reads its stdin from and writes its stdout to. */
export interface ClientIo {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * Runs `pg_dump` or `psql` against the tenant's database server (the runner adds where it is and
 * who logs in); answers its exit code and the end of its stderr once `io.output` has every byte.
 */
export type PostgresClient = (program: 'pg_dump' | 'psql', args: string[], io: ClientIo) => Promise<{ code: number; stderr: string }>;

export interface SqlDumpDatabaseOptions {
  client: PostgresClient;
  /** Stops the broker (its connections must be gone before its database is renamed). */
  stopBroker(): Promise<void>;
  /** Starts it again and waits for its heartbeat. */
  startBroker(): Promise<void>;
  release?(): Promise<void>;
}

/**
 * The database of a tenant on the official broker image, whose schema only the Ruby broker knows:
 * backed up with `pg_dump` (one consistent snapshot), restored with `psql` into a staging database
 * that is then renamed into place; the broker restarts once for that. Where the client programs
 * run (in the db container, or beside the platform for swarm: issue 12) is the runner's business.
 */
export function sqlDumpDatabase(options: SqlDumpDatabaseOptions): SqlDumpDatabase {
  const run = async (what: string, program: 'pg_dump' | 'psql', args: string[], io: ClientIo = {}) => {
    const { code, stderr } = await options.client(program, args, io);
    if (code !== 0) throw new RuntimeError(`${what} failed (exit ${code}): ${stderr || 'no message'}`);
  };
  const psqlArgs = (database: string) => ['-v', 'ON_ERROR_STOP=1', '-q', '-d', database];
  const psql = (what: string, ...statements: string[]) =>
    run(what, 'psql', [...psqlArgs('postgres'), ...statements.flatMap((statement) => ['-c', statement])]);
  return {
    flavour: 'official',
    dumpSql: (output) => run('pg_dump', 'pg_dump', ['-d', DATABASE_NAME, '--no-owner', '--no-privileges'], { output }),
    prepareStaging: () => psql('Creating the staging database', `drop database if exists ${STAGING_DATABASE}`, `create database ${STAGING_DATABASE}`),
    loadSql: (input) => run('Loading the backup with psql', 'psql', psqlArgs(STAGING_DATABASE), { input }),
    swapInStaging: async () => {
      await options.stopBroker();
      try {
        await psql(
          'Swapping in the restored database',
          `drop database if exists ${REPLACED_DATABASE}`,
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${DATABASE_NAME}' and pid <> pg_backend_pid()`,
          `begin; alter database ${DATABASE_NAME} rename to ${REPLACED_DATABASE}; alter database ${STAGING_DATABASE} rename to ${DATABASE_NAME}; commit`,
          `drop database ${REPLACED_DATABASE}`,
        );
      } finally {
        await options.startBroker();
      }
    },
    discardStaging: () => psql('Dropping the staging database', `drop database if exists ${STAGING_DATABASE}`),
    release: options.release,
  };
}
