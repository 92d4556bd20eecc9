import type { Db, PacticipantRow } from '../db/index.js';
import { pathParam, type BrokerContext, messageError, orNotFound } from '../http/index.js';
import { findPacticipantByName } from './pacticipant-repository.js';

/** The pacticipant the route's `:pacticipant` segment names, else the webmachine 404. */
export async function requirePacticipant(db: Db, c: BrokerContext): Promise<PacticipantRow> {
  return orNotFound(await findPacticipantByName(db, pathParam(c, 'pacticipant')));
}

/** The consumer or provider a path names, else 404 `No provider with name 'P' found` (RB `base_resource.rb#find_pacticipant`). */
export async function requireNamedPacticipant(db: Db, name: string, role: 'consumer' | 'provider'): Promise<PacticipantRow> {
  const pacticipant = await findPacticipantByName(db, name);
  if (!pacticipant) throw messageError(404, `No ${role} with name '${name}' found`, 'Not found', 'not-found');
  return pacticipant;
}
