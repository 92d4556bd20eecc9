import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { silentLogger, type Logger } from '../../shared/logger.js';
import { withCommitCallbacks } from './after-commit.js';
import { GENERIC_PLANS, prepareStatementsOf } from './prepared-statements.js';
import type { Database } from './schema.js';

/** The database handle every repository takes; a transaction is one too. */
export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** Size of the PostgreSQL connection pool (`PACT_BROKER_DATABASE_MAX_CONNECTIONS`); SQLite uses one connection. */
  maxConnections?: number;
  /** PostgreSQL only: the schema unqualified names resolve to (a restore's staging schema); default `public`. */
  schema?: string;
  logger?: Logger;
  /** SQLite only: the most its page cache holds; default SQLite's 2 MiB (team issue 13: an embedded tenant's is smaller). */
  sqliteCacheKiB?: number;
  /** PostgreSQL only: send statements by name, planned once per connection (team issue 13); for a database whose schema stays put meanwhile. */
  prepareStatements?: boolean;
}

const SQLITE_PREFIX = 'sqlite://';
const POSTGRES_URL = /^postgres(ql)?:\/\//;
const BUSY_TIMEOUT_MS = 5000;
const DEFAULT_MAX_CONNECTIONS = 4;
const INT8_OID = 20;
/** Each PostgreSQL handle's pool, for `withPostgresClient`. */
const pools = new WeakMap<object, pg.Pool>();

/** Opens the database named by a `PACT_BROKER_DATABASE_URL`-style URL. */
export function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Db {
  if (databaseUrl === 'sqlite::memory:') return new Kysely<Database>({ dialect: withCommitCallbacks(sqliteDialect(':memory:', options)) });
  if (databaseUrl.startsWith(SQLITE_PREFIX)) {
    const path = decodeURIComponent(databaseUrl.slice(SQLITE_PREFIX.length));
    if (!path.startsWith('/')) {
      throw new Error(`The SQLite database URL must hold an absolute path (sqlite:///abs/path.sqlite), got "${databaseUrl}".`);
    }
    mkdirSync(dirname(path), { recursive: true });
    return new Kysely<Database>({ dialect: withCommitCallbacks(sqliteDialect(path, options)) });
  }
  if (POSTGRES_URL.test(databaseUrl)) {
    const pool = postgresPool(databaseUrl, options);
    // The cursor lets `.stream()` read big tables (backups) a batch at a time.
    const db = new Kysely<Database>({ dialect: withCommitCallbacks(new PostgresDialect({ pool, cursor: Cursor })) });
    pools.set(db, pool);
    return db;
  }
  throw new Error(`Unsupported database URL "${redactPassword(databaseUrl)}": expected sqlite:///abs/path.sqlite or postgres://user:password@host:5432/name.`);
}

/** Whether the handle (or transaction) talks to PostgreSQL rather than SQLite. */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function sqliteDialect(path: string, { sqliteCacheKiB }: DatabaseOptions): SqliteDialect {
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL makes NORMAL durable across application crashes; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  if (sqliteCacheKiB !== undefined) sqlite.pragma(`cache_size = -${sqliteCacheKiB}`);
  // ANALYZE (keepSqliteStatistics) samples this many rows per index, as SQLite advises for PRAGMA optimize: 21 ms instead of 107 at 5,000 versions per consumer, the same plans.
  sqlite.pragma('analysis_limit = 1000');
  return new SqliteDialect({ database: sqlite });
}

/**
 * A connection of the handle's own pool, held until `release()` (`release(true)` closes it): a
 * session whose transaction spans several COPYs, like a restore's load (team issue 13).
 */
export function checkOutPostgresClient<DB>(db: Kysely<DB>): Promise<pg.PoolClient> {
  const pool = pools.get(db);
  if (!pool) throw new Error('checkOutPostgresClient needs a PostgreSQL handle made by openDatabase (not a transaction).');
  return pool.connect();
}

/**
 * Runs `use` with a connection of the handle's own pool, for what Kysely cannot send: a restore's
 * COPY FROM STDIN (issue 13). Not for transactions: the connection is another than theirs.
 */
export async function withPostgresClient<DB, T>(db: Kysely<DB>, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = pools.get(db);
  if (!pool) throw new Error('withPostgresClient needs a PostgreSQL handle made by openDatabase (not a transaction).');
  const client = await pool.connect();
  let failed = false;
  try {
    return await use(client);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A connection whose work failed half-way (an aborted COPY) is closed rather than reused.
    client.release(failed);
  }
}

function postgresPool(databaseUrl: string, { maxConnections = DEFAULT_MAX_CONNECTIONS, logger = silentLogger, schema, prepareStatements }: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    options: [schema === undefined ? '' : `-c search_path=${schema}`, prepareStatements ? GENERIC_PLANS : ''].join(' ').trim() || undefined,
    // pg returns int8 (count(*), sums) as strings, better-sqlite3 as numbers: numbers on both. Ours stay far below 2^53.
    types: { getTypeParser: (oid, format) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) },
  });
  // An idle connection the server closes (restart, failover) is dropped by the pool; without a listener, its error would end the process.
  pool.on('error', (error) => logger.warn('An idle database connection failed; the pool replaces it', { error }));
  if (prepareStatements) pool.on('connect', prepareStatementsOf);
  return pool;
}

/** The URL with its password masked, for messages and logs. */
export function redactPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
