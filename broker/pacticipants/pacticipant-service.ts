import type { Db } from '../db/database.js';
import { duplicatePacticipantMessage, findPotentialDuplicateNames } from './duplicate-names.js';
import { listPacticipantNames } from './pacticipant-repository.js';

/** Branch and tag names that become a pacticipant's main branch when it has none (`main_branch_candidates`). */
const MAIN_BRANCH_CANDIDATES = new Set(['develop', 'main', 'master']);

/** Sets the pacticipant's main branch from a branch or tag name, if it has none yet and the name is a candidate. */
export async function maybeSetMainBranch(db: Db, pacticipantId: number, name: string, now: string): Promise<void> {
  if (!MAIN_BRANCH_CANDIDATES.has(name)) return;
  await db
    .updateTable('pacticipants')
    .set({ main_branch: name, updated_at: now })
    .where('id', '=', pacticipantId)
    .where('main_branch', 'is', null)
    .execute();
}

/** The Ruby broker's conflict messages for names that are new but look like existing pacticipants' names. */
export async function duplicateNameMessages(db: Db, names: readonly string[], baseUrl: string): Promise<string[]> {
  const existing = await listPacticipantNames(db);
  return [...new Set(names)].flatMap((name) => {
    const duplicates = findPotentialDuplicateNames(name, existing);
    return duplicates.length > 0 ? [duplicatePacticipantMessage(name, duplicates, baseUrl)] : [];
  });
}
