/**
 * Databases for the broker bench (issue 13): a seeded history is kept as a template (a PostgreSQL
 * database or a SQLite file) and each measurement runs on a copy of it, so the 5,000-version history
 * is seeded once when BENCH_BROKER_SEED_CACHE=true (a later run's broker migrates the copy forward).
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { HISTORY_VERSION } from '../broker/test-support/history-fixture.js';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export type BenchDatabaseKind = 'sqlite' | 'postgres';

const SQLITE_SEEDS = path.join(tmpdir(), 'pactsafs-bench-seeds');

/** The kept seed of issue 13's history at `versions` per consumer (BENCH_BROKER_SEED_CACHE=true keeps it). */
export function benchSeedName(versions: number): string {
  return `pactsafs_bench_seed_${versions}_v${HISTORY_VERSION}`;
}

/** Whether `kind` names a database this run can use. */
export function checkKind(kind: string): BenchDatabaseKind {
  if (kind === 'sqlite' || (kind === 'postgres' && process.env.PACTSAFS_TEST_POSTGRES_URL)) return kind;
  throw new Error(`database "${kind}": expected sqlite, or postgres with PACTSAFS_TEST_POSTGRES_URL set (a superuser URL)`);
}

/** The seed template `name`, when a previous run kept it. */
export async function existingSeed(kind: BenchDatabaseKind, name: string): Promise<BenchDatabase | undefined> {
  if (kind === 'sqlite') {
    const file = path.join(SQLITE_SEEDS, `${name}.sqlite`);
    return (await stat(file).catch(() => undefined)) ? sqliteDatabase(file) : undefined;
  }
  const found = await asSuperuser((client) => client.query('select 1 from pg_database where datname = $1', [name]));
  return found.rowCount ? postgresDatabase(name) : undefined;
}

/**
 * Seeds template `name` with `seed`; under another name until it is complete, so that an interrupted
 * run leaves no seed to reuse. With `resume`, a partial seed an interrupted run left is completed
 * (the seeding goes on where it stopped: team issue 13) instead of started again.
 */
export async function newSeed(kind: BenchDatabaseKind, name: string, seed: (url: string) => Promise<void>, resume = false): Promise<BenchDatabase> {
  const partial = `${name}_partial`;
  if (kind === 'sqlite') {
    await mkdir(SQLITE_SEEDS, { recursive: true });
    const [seeding, done] = [sqliteDatabase(path.join(SQLITE_SEEDS, `${partial}.sqlite`)), path.join(SQLITE_SEEDS, `${name}.sqlite`)];
    if (!resume) await seeding.drop();
    await seed(seeding.url);
    await rename(new URL(seeding.url.replace('sqlite://', 'file://')), done);
    return sqliteDatabase(done);
  }
  const left = resume && (await asSuperuser((client) => client.query('select 1 from pg_database where datname = $1', [partial]))).rowCount;
  if (!left) {
    await asSuperuser((client) => client.query(`drop database if exists "${partial}" with (force)`));
    await asSuperuser((client) => client.query(`create database "${partial}"`));
  }
  await seed(postgresDatabase(partial).url);
  await asSuperuser((client) => client.query(`alter database "${partial}" rename to "${name}"`));
  return postgresDatabase(name);
}

/** A copy of a seed template (closed: no broker may hold it open). */
export async function copyOf(kind: BenchDatabaseKind, seed: BenchDatabase): Promise<BenchDatabase> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = path.join(SQLITE_SEEDS, `copy_${suffix}.sqlite`);
    await copyFile(new URL(seed.url.replace('sqlite://', 'file://')), file);
    return sqliteDatabase(file);
  }
  const name = `pactsafs_bench_${suffix}`;
  await asSuperuser((client) => client.query(`create database "${name}" template "${new URL(seed.url).pathname.slice(1)}"`));
  const copy = postgresDatabase(name);
  // A copy starts without planner statistics (the seeds never had any: reltuples -1), which a live broker's
  // tables get from autovacuum; without them PostgreSQL guessed hundreds of rows where there are a few, and
  // thousands where there are 15,000 (team issue 13: pacts for verification's plans on the 5,000-version seed).
  const client = new pg.Client({ connectionString: copy.url });
  await client.connect();
  await client.query('analyze').finally(() => client.end());
  return copy;
}

function sqliteDatabase(file: string): BenchDatabase {
  return {
    url: `sqlite://${file}`,
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm']) await rm(file + suffix, { force: true });
    },
  };
}

function postgresDatabase(name: string): BenchDatabase {
  const url = new URL(process.env.PACTSAFS_TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asSuperuser((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}) };
}

async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.PACTSAFS_TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
