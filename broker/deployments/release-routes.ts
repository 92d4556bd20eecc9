import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { environmentDisplayName, requireEnvironment, currentlySupportedVersionsUrl, releasedVersionsForVersionUrl, releasedVersionUrl } from '../environments/index.js';
import { halJson, pathParam, rawQuery, type BrokerEnv, orNotFound, unsupportedMediaType, resource } from '../http/index.js';
import { listSelfLink } from './embedded-resources.js';
import { decorateReleasedVersion, decorateReleasedVersions } from './released-version-decorator.js';
import {
  findReleaseOfVersionToEnvironment,
  findReleasedVersionByUuid,
  listCurrentlySupportedReleases,
  recordSupportEnded,
  type CurrentReleasesFilter,
} from './released-version-repository.js';
import { recordRelease } from './released-version-service.js';
import { cannotSetBackToTrue, environmentOf, readMergePatchProperty, requireVersionAndEnvironment, versionInEnvironment } from './route-support.js';

// Sic: the Ruby broker's text says "deployment" here too.
const CANNOT_RESUPPORT = 'The currentlySupported property cannot be set back to true. Please record a new deployment.';

/** Recording releases and their end of support, and what is supported where (docs/broker-api.md#released-versions). */
export function releaseRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, '/pacticipants/:pacticipant/versions/:version/released-versions/environment/:uuid', {
    GET: async (c) => {
      const placement = await requireVersionAndEnvironment(db, c);
      const baseUrl = c.get('baseUrl');
      const displayName = placement.pacticipant.display_name ?? placement.pacticipant.name;
      const title = `Released versions for ${displayName} version ${placement.version.number} in ${environmentDisplayName(placement.environment)}`;
      const release = await findReleaseOfVersionToEnvironment(db, placement.version.id, placement.environment.id);
      const self = listSelfLink(releasedVersionsForVersionUrl(baseUrl, versionInEnvironment(placement)), rawQuery(c), title);
      return halJson(decorateReleasedVersions(release ? [release] : [], self, { embed: false }, baseUrl));
    },
    POST: async (c) => {
      const placement = await requireVersionAndEnvironment(db, c);
      // The body is not read (the CLI sends `{}`), but its type must be JSON, as for every body the broker accepts.
      if (!c.req.header('content-type')?.includes('json')) throw unsupportedMediaType();
      const { uuid, created } = await recordRelease(db, placement, clock().toISOString());
      const baseUrl = c.get('baseUrl');
      const released = orNotFound(await findReleasedVersionByUuid(db, uuid));
      const body = decorateReleasedVersion(released, placement.environment, baseUrl);
      return halJson(body, created ? 201 : 200, { location: releasedVersionUrl(baseUrl, uuid) });
    },
  });

  resource(app, '/released-versions/:uuid', {
    GET: async (c) => {
      const released = orNotFound(await findReleasedVersionByUuid(db, pathParam(c, 'uuid')));
      return halJson(decorateReleasedVersion(released, await environmentOf(db, released), c.get('baseUrl')));
    },
    PATCH: async (c) => {
      let released = orNotFound(await findReleasedVersionByUuid(db, pathParam(c, 'uuid')));
      const currentlySupported = await readMergePatchProperty(c.req.raw, 'currentlySupported');
      if (currentlySupported === true) throw cannotSetBackToTrue('currentlySupported', CANNOT_RESUPPORT);
      if (currentlySupported === false) {
        await recordSupportEnded(db, released.id, clock().toISOString());
        released = orNotFound(await findReleasedVersionByUuid(db, released.uuid));
      }
      return halJson(decorateReleasedVersion(released, await environmentOf(db, released), c.get('baseUrl')));
    },
  });

  resource(app, '/environments/:uuid/released-versions/currently-supported', {
    GET: async (c) => {
      const environment = await requireEnvironment(db, pathParam(c, 'uuid'));
      const list = await listCurrentlySupportedReleases(db, environment.id, currentReleasesFilter(new URL(c.req.url).searchParams));
      const title = `Currently supported versions in ${environmentDisplayName(environment)}`;
      const self = listSelfLink(currentlySupportedVersionsUrl(c.get('baseUrl'), environment.uuid), rawQuery(c), title);
      return halJson(decorateReleasedVersions(list, self, { embed: true }, c.get('baseUrl')));
    },
  });

  return app;
}

/** `?pacticipant=` and `?version=`; a blank value filters nothing, as webmachine drops it. */
function currentReleasesFilter(query: URLSearchParams): CurrentReleasesFilter {
  const filter: CurrentReleasesFilter = {};
  const pacticipantName = query.get('pacticipant');
  if (pacticipantName) filter.pacticipantName = pacticipantName;
  const versionNumber = query.get('version');
  if (versionNumber) filter.versionNumber = versionNumber;
  return filter;
}
