import { Hono } from 'hono';
import { findBranchVersionsOfVersion } from '../branches/branch-repository.js';
import type { Db } from '../db/database.js';
import { halJson, pathParam, type BrokerEnv } from '../http/broker-env.js';
import { notFound } from '../http/http-error.js';
import { resource } from '../http/resource.js';
import { findPacticipantByName } from '../pacticipants/pacticipant-repository.js';
import { findPactsOfConsumerVersion } from '../pacts/pact-repository.js';
import { findTagNamesOfVersion } from '../tags/tag-repository.js';
import { decorateVersion } from './version-decorator.js';
import { findVersion } from './version-repository.js';

/** `GET /pacticipants/{p}/versions/{v}`. */
export function versionRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/pacticipants/:pacticipant/versions/:version', {
    GET: async (c) => {
      const pacticipant = await findPacticipantByName(db, pathParam(c, 'pacticipant'));
      const version = pacticipant && (await findVersion(db, pacticipant.id, pathParam(c, 'version')));
      if (!pacticipant || !version) throw notFound();
      const details = {
        pacticipantName: pacticipant.name,
        version,
        tagNames: await findTagNamesOfVersion(db, version.id),
        branchVersions: await findBranchVersionsOfVersion(db, version.id),
        pacts: await findPactsOfConsumerVersion(db, version.id),
      };
      return halJson(decorateVersion(details, c.get('baseUrl')));
    },
  });
  return app;
}
