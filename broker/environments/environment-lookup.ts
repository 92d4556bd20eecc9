import type { Db } from '../db/database.js';
import type { EnvironmentRow } from '../db/schema.js';
import { orNotFound } from '../http/http-error.js';
import { findEnvironmentByUuid } from './environment-repository.js';

/** The environment a resource path names; 404 when there is none. */
export async function requireEnvironment(db: Db, uuid: string): Promise<EnvironmentRow> {
  return orNotFound(await findEnvironmentByUuid(db, uuid));
}
