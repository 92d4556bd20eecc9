import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { pacticipantUrl, urlEncode } from '../hal/index.js';
import { pathParam, type BrokerContext, type BrokerEnv, orNotFound, unsupportedMediaType, validationFailed, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { requirePacticipant, findLatestVersion } from '../pacticipants/index.js';
import { findBranchHeadVersion, findLatestVersionWithTag, findVersion, listVersionsInReverseOrder, validateVersionBody, type VersionUpdate, deleteVersionAndRepairHeads, saveVersion } from '../versions/index.js';
import { versionResponse, versionsResponse } from './version-responses.js';

const PACTICIPANT = '/pacticipants/:pacticipant';

/** Versions, their collection and the latest-version resources (docs/broker-api.md#versions). */
export function versionRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, `${PACTICIPANT}/versions`, {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const collection = {
        pacticipantName: pacticipant.name,
        selfUrl: `${pacticipantUrl(c.get('baseUrl'), pacticipant.name)}/versions`,
        title: `All application versions of ${pacticipant.name}`,
      };
      return versionsResponse(db, c, collection, await listVersionsInReverseOrder(db, pacticipant.id));
    },
  });

  resource(app, `${PACTICIPANT}/versions/:version`, {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      return versionResponse(db, c, pacticipant.name, orNotFound(await findVersion(db, pacticipant.id, pathParam(c, 'version'))));
    },
    // PUT replaces (application/json only), PATCH merges (application/merge-patch+json only), as the Ruby resource accepts them.
    PUT: (c) => save(c, 'overwrite'),
    PATCH: (c) => save(c, 'merge'),
    DELETE: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      await deleteVersionAndRepairHeads(db, orNotFound(await findVersion(db, pacticipant.id, pathParam(c, 'version'))));
      return c.body(null, 204);
    },
  });

  resource(app, `${PACTICIPANT}/latest-version`, {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const version = orNotFound(await findLatestVersion(db, pacticipant.id));
      return versionResponse(db, c, pacticipant.name, version, { selfUrl: `${pacticipantUrl(c.get('baseUrl'), pacticipant.name)}/latest-version` });
    },
  });

  resource(app, `${PACTICIPANT}/latest-version/:tag`, {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const tag = pathParam(c, 'tag');
      const version = orNotFound(await findLatestVersionWithTag(db, pacticipant.id, tag));
      const selfUrl = `${pacticipantUrl(c.get('baseUrl'), pacticipant.name)}/latest-version/${urlEncode(tag)}`;
      return versionResponse(db, c, pacticipant.name, version, { selfUrl });
    },
  });

  resource(app, `${PACTICIPANT}/branches/:branch/latest-version`, {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const branch = pathParam(c, 'branch');
      const version = orNotFound(await findBranchHeadVersion(db, pacticipant.id, branch));
      const selfUrl = `${pacticipantUrl(c.get('baseUrl'), pacticipant.name)}/branches/${urlEncode(branch)}/latest-version`;
      return versionResponse(db, c, pacticipant.name, version, { selfUrl });
    },
  });

  async function save(c: BrokerContext, mode: 'overwrite' | 'merge'): Promise<Response> {
    const update = await readVersionUpdate(c);
    const mergePatch = c.req.header('content-type')?.includes('application/merge-patch+json') ?? false;
    if (mergePatch !== (mode === 'merge')) throw unsupportedMediaType();
    const coordinates = { pacticipantName: pathParam(c, 'pacticipant'), number: pathParam(c, 'version') };
    const { version, created } = await saveVersion(db, coordinates, update, mode, clock().toISOString());
    return versionResponse(db, c, coordinates.pacticipantName, version, { status: created ? 201 : 200 });
  }

  return app;
}

async function readVersionUpdate(c: BrokerContext): Promise<VersionUpdate> {
  const validation = validateVersionBody(expectJsonObject(await readJsonBody(c.req.raw, { emptyBody: {} })));
  if (!validation.valid) throw validationFailed(validation.errors);
  return validation.update;
}
