import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

/** The database handle every repository takes; a transaction is one too. */
export type Db = Kysely<Database>;

const SQLITE_PREFIX = 'sqlite://';
const BUSY_TIMEOUT_MS = 5000;

/** Opens the database named by a `PACT_BROKER_DATABASE_URL`-style URL. */
export function openDatabase(databaseUrl: string): Db {
  if (databaseUrl === 'sqlite::memory:') return new Kysely<Database>({ dialect: sqliteDialect(':memory:') });
  if (databaseUrl.startsWith(SQLITE_PREFIX)) {
    const path = decodeURIComponent(databaseUrl.slice(SQLITE_PREFIX.length));
    if (!path.startsWith('/')) {
      throw new Error(`The SQLite database URL must hold an absolute path (sqlite:///abs/path.sqlite), got "${databaseUrl}".`);
    }
    mkdirSync(dirname(path), { recursive: true });
    return new Kysely<Database>({ dialect: sqliteDialect(path) });
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('PostgreSQL databases are not supported by this broker yet; use a sqlite:/// URL.');
  }
  throw new Error(`Unsupported database URL "${redactPassword(databaseUrl)}": expected sqlite:///abs/path.sqlite.`);
}

function sqliteDialect(path: string): SqliteDialect {
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL makes NORMAL durable across application crashes; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database: sqlite });
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
