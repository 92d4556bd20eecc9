import type { Db, PacticipantRow } from '../db/index.js';
import { generateDisplayName } from './display-name.js';
import { duplicatePacticipantMessage, findPotentialDuplicateNames } from './duplicate-names.js';
import {
  insertPacticipantUnlessExists,
  listPacticipantNames,
  setMainBranchIfUnset,
  updatePacticipant,
  type PacticipantColumns,
} from './pacticipant-repository.js';
import type { PacticipantFields } from './pacticipant-schema.js';

/** Branch and tag names that become a pacticipant's main branch when it has none (`main_branch_candidates`). */
const MAIN_BRANCH_CANDIDATES = new Set(['develop', 'main', 'master']);

/** Sets the pacticipant's main branch from a branch or tag name, if it has none yet and the name is a candidate. */
export async function maybeSetMainBranch(db: Db, pacticipantId: number, name: string, now: string): Promise<void> {
  if (MAIN_BRANCH_CANDIDATES.has(name)) await setMainBranchIfUnset(db, pacticipantId, name, now);
}

/** `POST /pacticipants`: an existing pacticipant of that name is returned unchanged, as the Ruby broker's insert-ignore does. */
export async function createPacticipant(db: Db, name: string, fields: PacticipantFields, now: string): Promise<PacticipantRow> {
  return insertPacticipantUnlessExists(db, name, normalized(name, columnsOf(fields)), now);
}

/** `PATCH`: only the properties given change. */
export async function mergePacticipant(db: Db, existing: PacticipantRow, fields: PacticipantFields, now: string): Promise<PacticipantRow> {
  const columns = normalized(existing.name, { ...existing, ...columnsOf(fields) });
  return updatePacticipant(db, existing.id, { ...columns, updated_at: now });
}

/** `PUT`: properties not given become empty. */
export async function replacePacticipant(db: Db, existing: PacticipantRow, fields: PacticipantFields, now: string): Promise<PacticipantRow> {
  const empty: PacticipantColumns = { display_name: null, main_branch: null, repository_url: null, repository_name: null, repository_namespace: null };
  return updatePacticipant(db, existing.id, { ...normalized(existing.name, { ...empty, ...columnsOf(fields) }), updated_at: now });
}

/** The Ruby broker's conflict messages for names that are new but look like existing pacticipants' names. */
export async function duplicateNameMessages(db: Db, names: readonly string[], baseUrl: string): Promise<string[]> {
  const existing = await listPacticipantNames(db);
  return [...new Set(names)].flatMap((name) => {
    const duplicates = findPotentialDuplicateNames(name, existing);
    return duplicates.length > 0 ? [duplicatePacticipantMessage(name, duplicates, baseUrl)] : [];
  });
}

function columnsOf(fields: PacticipantFields): Partial<PacticipantColumns> {
  const columns: Partial<PacticipantColumns> = {};
  if (fields.displayName !== undefined) columns.display_name = fields.displayName;
  if (fields.mainBranch !== undefined) columns.main_branch = fields.mainBranch;
  if (fields.repositoryUrl !== undefined) columns.repository_url = fields.repositoryUrl;
  if (fields.repositoryName !== undefined) columns.repository_name = fields.repositoryName;
  if (fields.repositoryNamespace !== undefined) columns.repository_namespace = fields.repositoryNamespace;
  return columns;
}

/** The Ruby model's before_save: a blank display name is generated from the name, a blank main branch is stored as NULL. */
function normalized(name: string, columns: Partial<PacticipantColumns>): PacticipantColumns {
  const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';
  return {
    display_name: blank(columns.display_name) ? generateDisplayName(name) : (columns.display_name as string),
    main_branch: blank(columns.main_branch) ? null : (columns.main_branch as string),
    repository_url: columns.repository_url ?? null,
    repository_name: columns.repository_name ?? null,
    repository_namespace: columns.repository_namespace ?? null,
  };
}
