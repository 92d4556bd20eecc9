import { RuntimeError } from '../../../shared/errors.js';
import type { ContainerEngine } from '../engine/docker-engine.js';
import { textSink } from '../engine/text-sink.js';
import { DATABASE_NAME, DATABASE_USER } from './container-specs.js';

/**
 * The size on disk, in bytes, of a docker tenant's database (either broker flavour's), asked with
 * `psql` inside its db container: the platform needs no network path to the database for it, which a
 * platform in a container has only while a backup runs (issue 12).
 */
export function databaseSize(engine: ContainerEngine, db: string, password: string): Promise<number> {
  return queryNumber(engine, db, password, 'select pg_database_size(current_database())', 'the database size');
}

/**
 * Issue 13: webhook deliveries a docker tenant's broker has yet to make. The Ruby broker and ours
 * keep them in the same table with the same statuses (RB `TriggeredWebhook::STATUS_*`).
 */
export function undeliveredWebhooks(engine: ContainerEngine, db: string, password: string): Promise<number> {
  return queryNumber(engine, db, password, "select count(*) from triggered_webhooks where status in ('not_run', 'retrying')", 'undelivered webhooks');
}

/** One number asked of a docker tenant's database with `psql` inside its db container. */
async function queryNumber(engine: ContainerEngine, db: string, password: string, query: string, what: string): Promise<number> {
  const output = textSink();
  const command = ['psql', '-h', '127.0.0.1', '-U', DATABASE_USER, '-d', DATABASE_NAME, '-tAc', query];
  const { code, stderr } = await engine.exec(db, command, { env: [`PGPASSWORD=${password}`], output });
  const value = Number(output.text().trim());
  if (code !== 0 || !Number.isFinite(value)) throw new RuntimeError(`Asking ${what} failed (exit ${code}): ${stderr || 'no number'}`);
  return value;
}
