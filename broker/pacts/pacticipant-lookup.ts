import type { Db } from '../db/database.js';
import type { PacticipantRow } from '../db/schema.js';
import { messageError } from '../http/http-error.js';
import { findPacticipantByName } from '../pacticipants/pacticipant-repository.js';

/** The consumer or provider a path names, else 404 `No provider with name 'P' found` (RB `base_resource.rb#find_pacticipant`). */
export async function requireNamedPacticipant(db: Db, name: string, role: 'consumer' | 'provider'): Promise<PacticipantRow> {
  const pacticipant = await findPacticipantByName(db, name);
  if (!pacticipant) throw messageError(404, `No ${role} with name '${name}' found`, 'Not found', 'not-found');
  return pacticipant;
}
