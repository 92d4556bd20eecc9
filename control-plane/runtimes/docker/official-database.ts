import type { ContainerEngine } from '../engine/docker-engine.js';
import type { SqlDumpDatabase } from '../runtime.js';
import { sqlDumpDatabase } from '../sql-dump-database.js';
import { DATABASE_USER } from './container-specs.js';

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

/** A docker tenant's official-image database: `pg_dump` and `psql` run in its db container (sql-dump-database.ts). */
export function officialTenantDatabase(options: OfficialDatabaseOptions): SqlDumpDatabase {
  const { engine, db, password, stopBroker, startBroker } = options;
  return sqlDumpDatabase({
    client: (program, args, io) => engine.exec(db, [program, '-h', '127.0.0.1', '-U', DATABASE_USER, ...args], { ...io, env: [`PGPASSWORD=${password}`] }),
    stopBroker,
    startBroker,
  });
}
