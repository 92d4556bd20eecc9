import { RuntimeError } from '../../../shared/errors.js';
import type { ContainerEngine } from '../engine/docker-engine.js';
import type { SqlDumpDatabase } from '../runtime.js';
import { DATABASE_NAME, DATABASE_USER } from './container-specs.js';

const STAGING_DATABASE = `${DATABASE_NAME}_restore`;
const REPLACED_DATABASE = `${DATABASE_NAME}_replaced`;

export interface OfficialDatabaseOptions {
  engine: ContainerEngine;
  /** The db container's name: `pg_dump` and `psql` run in it. */
  db: string;
  password: string;
  /** Stops the broker container (its connections must be gone before its database is renamed). */
  stopBroker(): Promise<void>;
  /** Starts it again and waits for its heartbeat. */
  startBroker(): Promise<void>;
}

/**
 * The database of a tenant on the official broker image, whose schema only the Ruby broker knows:
 * backed up with `pg_dump` (one consistent snapshot) in its db container, restored with `psql`
 * into a staging database that is then renamed into place. The broker restarts once for that.
 */
export function officialTenantDatabase(options: OfficialDatabaseOptions): SqlDumpDatabase {
  const { engine, db } = options;
  const connect = ['-h', '127.0.0.1', '-U', DATABASE_USER, '-v', 'ON_ERROR_STOP=1', '-q'];
  const run = async (what: string, command: string[], io: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}) => {
    const { code, stderr } = await engine.exec(db, command, { ...io, env: [`PGPASSWORD=${options.password}`] });
    if (code !== 0) throw new RuntimeError(`${what} failed (exit ${code}): ${stderr || 'no message'}`);
  };
  const psql = (what: string, ...statements: string[]) =>
    run(what, ['psql', ...connect, '-d', 'postgres', ...statements.flatMap((statement) => ['-c', statement])]);
  return {
    flavour: 'official',
    dumpSql: (output) => run('pg_dump', ['pg_dump', '-h', '127.0.0.1', '-U', DATABASE_USER, '-d', DATABASE_NAME, '--no-owner', '--no-privileges'], { output }),
    prepareStaging: () => psql('Creating the staging database', `drop database if exists ${STAGING_DATABASE}`, `create database ${STAGING_DATABASE}`),
    loadSql: (input) => run('Loading the backup with psql', ['psql', ...connect, '-d', STAGING_DATABASE], { input }),
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
  };
}
