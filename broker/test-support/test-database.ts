import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { isProcessAlive } from '../../shared/process-alive.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/** A fresh, empty database of its own; `drop` removes it and may be called twice. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * The switch for the PostgreSQL variant: a superuser URL of a server where tests may create and drop
 * databases (`npm test` starts one, see test/setup/postgres.mjs). Without it, the variant is skipped,
 * except in CI, where skipping would hide that PostgreSQL went untested.
 */
export const postgresServerUrl = process.env.PACTSAFS_TEST_POSTGRES_URL || undefined;
if (postgresServerUrl === undefined && process.env.CI === 'true') {
  throw new Error('CI=true: the broker suites must also run on PostgreSQL; set PACTSAFS_TEST_POSTGRES_URL (npm test does).');
}

/** Defines the suite once per database: SQLite always, PostgreSQL when the switch is on. */
export function describeOnEachDatabase(suite: (database: DatabaseKind) => void): void {
  describe('on SQLite', () => suite('sqlite'));
  describe.skipIf(postgresServerUrl === undefined)('on PostgreSQL', () => suite('postgres'));
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'broker-test-'));
    return { url: `sqlite://${join(dir, 'broker.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return createPostgresDatabase(requirePostgresServerUrl());
}

/** A fresh database of `kind`, migrated and open; `close` shuts and drops it (for `useSuiteResource`). */
export async function openMigratedTestDatabase(kind: DatabaseKind): Promise<{ db: Db; close(): Promise<void> }> {
  const database = await createTestDatabase(kind);
  const db = openDatabase(database.url);
  const close = async () => {
    await db.destroy();
    await database.drop();
  };
  await migrateToLatest(db).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { db, close };
}

function requirePostgresServerUrl(): string {
  if (postgresServerUrl === undefined) throw new Error('The PostgreSQL variant needs PACTSAFS_TEST_POSTGRES_URL.');
  return postgresServerUrl;
}

// Names carry this host and the creating process, so that a later run can tell abandoned databases
// (their process is gone: killed run, crashed worker) from those of runs still going.
const NAME_PREFIX = 'pactsafs_test_';
const HOST_TAG = createHash('sha1').update(hostname()).digest('hex').slice(0, 6);
let abandonedDropped: Promise<void> | undefined;

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  abandonedDropped ??= dropAbandonedDatabases(serverUrl);
  await abandonedDropped;
  const name = `${NAME_PREFIX}${HOST_TAG}_${process.pid}_${randomBytes(4).toString('hex')}`;
  // The official postgres image's databases sort by en_US rules; so do these, whatever the server's default.
  await asSuperuser(serverUrl, (client) =>
    client.query(`create database "${name}" template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US' locale 'C'`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<unknown> | undefined;
  return {
    url: url.toString(),
    drop: async () => {
      // FORCE ends connections a test left open, e.g. a broker it never closed.
      dropped ??= asSuperuser(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
      await dropped;
    },
  };
}

async function dropAbandonedDatabases(serverUrl: string): Promise<void> {
  await asSuperuser(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [`${NAME_PREFIX}${HOST_TAG}_`]);
    for (const { datname } of rows) {
      const pid = Number(datname.split('_').at(-2));
      if (!isProcessAlive(pid)) await client.query(`drop database if exists "${datname}" with (force)`);
    }
  });
}

async function asSuperuser<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
