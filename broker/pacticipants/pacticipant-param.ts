import type { Db } from '../db/database.js';
import type { PacticipantRow } from '../db/schema.js';
import { pathParam, type BrokerContext } from '../http/broker-env.js';
import { orNotFound } from '../http/http-error.js';
import { findPacticipantByName } from './pacticipant-repository.js';

/** The pacticipant the route's `:pacticipant` segment names, else the webmachine 404. */
export async function requirePacticipant(db: Db, c: BrokerContext): Promise<PacticipantRow> {
  return orNotFound(await findPacticipantByName(db, pathParam(c, 'pacticipant')));
}
