import type { Db, EnvironmentRow } from '../db/index.js';
import { requireEnvironment, findEnvironmentById } from '../environments/index.js';
import type { VersionInEnvironment } from '../environments/index.js';
import { pathParam, type BrokerContext, HttpError, notFound, orNotFound, isObject, readJsonBody } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { findVersion } from '../versions/index.js';
import type { VersionToEnvironment } from './deployed-version-service.js';

/** The pacticipant version and environment of a `/pacticipants/{p}/versions/{v}/…/environment/{uuid}` path; 404 when either is missing. */
export async function requireVersionAndEnvironment(db: Db, c: BrokerContext): Promise<VersionToEnvironment> {
  const pacticipant = await findPacticipantByName(db, pathParam(c, 'pacticipant'));
  const version = pacticipant && (await findVersion(db, pacticipant.id, pathParam(c, 'version')));
  if (!pacticipant || !version) throw notFound();
  return { pacticipant, version, environment: await requireEnvironment(db, pathParam(c, 'uuid')) };
}

/** What the URLs of a version's deployments or releases to an environment are built from. */
export function versionInEnvironment({ pacticipant, version, environment }: VersionToEnvironment): VersionInEnvironment {
  return { pacticipantName: pacticipant.name, versionNumber: version.number, environmentUuid: environment.uuid };
}

/** The environment a deployed or released version belongs to. */
export async function environmentOf(db: Db, { environment_id }: { environment_id: number }): Promise<EnvironmentRow> {
  // Missing only after a concurrent deletion of the environment, which took the version with it.
  return orNotFound(await findEnvironmentById(db, environment_id));
}

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * The value of one property of a JSON merge patch body (the only type the deployed and released
 * version resources accept; an empty body patches nothing).
 */
export async function readMergePatchProperty(request: Request, property: string): Promise<unknown> {
  if (!request.headers.get('content-type')?.includes(MERGE_PATCH)) {
    throw new HttpError(415, {
      kind: 'webmachine',
      detail: `The request body must be a JSON merge patch: send it with Content-Type: ${MERGE_PATCH}.`,
      title: '415 Unsupported Media Type',
      type: 'unsupported-media-type',
    });
  }
  const body = await readJsonBody(request, { emptyBody: {} });
  return isObject(body) ? body[property] : undefined;
}

/** The 422 for a patch that tries to make an ended deployment or release current again. */
export function cannotSetBackToTrue(property: string, message: string): HttpError {
  return new HttpError(422, { kind: 'validation', errors: { [property]: [message] } });
}
