import type { Db } from '../db/database.js';
import type { PacticipantRow, VersionRow } from '../db/schema.js';
import { findVersion, insertVersion } from './version-repository.js';

export interface FoundOrCreatedVersion {
  version: VersionRow;
  created: boolean;
}

/** The pacticipant's version with this number, created (with the next order) when missing. */
export async function findOrCreateVersion(db: Db, pacticipant: PacticipantRow, number: string, now: string): Promise<FoundOrCreatedVersion> {
  const existing = await findVersion(db, pacticipant.id, number);
  if (existing) return { version: existing, created: false };
  return { version: await insertVersion(db, pacticipant.id, number, now), created: true };
}
