import { randomUUID } from 'node:crypto';
import { lockPacticipant } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { VersionToEnvironment } from './deployed-version-service.js';
import { findReleaseOfVersionToEnvironment, insertRelease, markReleaseSupported } from './released-version-repository.js';

/** The release a `record-release` answered with, and whether it was recorded just now. */
export interface RecordedRelease {
  uuid: string;
  created: boolean;
}

/**
 * Records that the version is released to the environment (docs/broker-api.md#released-versions). A version is
 * released to an environment once: releasing it again makes it supported again if its support had
 * ended. Other releases stay untouched, since several versions of an app may be in use at once.
 */
export async function recordRelease(db: Db, { pacticipant, version, environment }: VersionToEnvironment, now: string): Promise<RecordedRelease> {
  return db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, pacticipant.name);
    const existing = await findReleaseOfVersionToEnvironment(tx, version.id, environment.id);
    if (existing) {
      await markReleaseSupported(tx, version.id, environment.id, now);
      return { uuid: existing.uuid, created: false };
    }
    const uuid = randomUUID();
    await insertRelease(tx, { uuid, versionId: version.id, pacticipantId: pacticipant.id, environmentId: environment.id }, now);
    return { uuid, created: true };
  });
}
