import type { Db, EnvironmentRow } from '../db/index.js';
import { orNotFound } from '../http/index.js';
import { findEnvironmentByUuid } from './environment-repository.js';

/** The environment a resource path names; 404 when there is none. */
export async function requireEnvironment(db: Db, uuid: string): Promise<EnvironmentRow> {
  return orNotFound(await findEnvironmentByUuid(db, uuid));
}
