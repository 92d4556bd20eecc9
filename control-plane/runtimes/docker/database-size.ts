import { RuntimeError } from '../../../shared/errors.js';
import type { ContainerEngine } from '../engine/docker-engine.js';
import { textSink } from '../engine/text-sink.js';
import { DATABASE_NAME, DATABASE_USER } from './container-specs.js';

/**
 * The size on disk, in bytes, of a docker tenant's database (either broker flavour's), asked with
 * `psql` inside its db container: the platform needs no network path to the database for it, which a
 * platform in a container has only while a backup runs (issue 12).
 */
export async function databaseSize(engine: ContainerEngine, db: string, password: string): Promise<number> {
  const output = textSink();
  const query = 'select pg_database_size(current_database())';
  const command = ['psql', '-h', '127.0.0.1', '-U', DATABASE_USER, '-d', DATABASE_NAME, '-tAc', query];
  const { code, stderr } = await engine.exec(db, command, { env: [`PGPASSWORD=${password}`], output });
  const bytes = Number(output.text().trim());
  if (code !== 0 || !Number.isFinite(bytes)) throw new RuntimeError(`Asking the database size failed (exit ${code}): ${stderr || 'no number'}`);
  return bytes;
}
