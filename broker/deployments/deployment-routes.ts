import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { environmentDisplayName, requireEnvironment, currentlyDeployedVersionsUrl, deployedVersionsForVersionUrl, deployedVersionUrl } from '../environments/index.js';
import { halJson, pathParam, rawQuery, type BrokerEnv, orNotFound, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { decorateDeployedVersion, decorateDeployedVersions } from './deployed-version-decorator.js';
import {
  findDeployedVersionByUuid,
  listCurrentDeployments,
  listDeploymentsOfVersionToEnvironment,
  type CurrentDeploymentsFilter,
} from './deployed-version-repository.js';
import { applicationInstanceOf, recordDeployment, recordUndeployment } from './deployed-version-service.js';
import { listSelfLink } from './embedded-resources.js';
import { cannotSetBackToTrue, environmentOf, readMergePatchProperty, requireVersionAndEnvironment, versionInEnvironment } from './route-support.js';

const CANNOT_REDEPLOY = 'The currentlyDeployed property cannot be set back to true. Please record a new deployment.';

/** Recording deployments and undeployments, and what is deployed where (docs/broker-api.md#deployed-versions). */
export function deploymentRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, '/pacticipants/:pacticipant/versions/:version/deployed-versions/environment/:uuid', {
    GET: async (c) => {
      const placement = await requireVersionAndEnvironment(db, c);
      const baseUrl = c.get('baseUrl');
      const title = `Deployed versions for ${pathParam(c, 'pacticipant')} version ${pathParam(c, 'version')} in environment ${environmentDisplayName(placement.environment)}`;
      const list = await listDeploymentsOfVersionToEnvironment(db, placement.version.id, placement.environment.id);
      const self = listSelfLink(deployedVersionsForVersionUrl(baseUrl, versionInEnvironment(placement)), rawQuery(c), title);
      return halJson(decorateDeployedVersions(list, self, { embed: false }, baseUrl));
    },
    POST: async (c) => {
      const placement = await requireVersionAndEnvironment(db, c);
      const body = expectJsonObject(await readJsonBody(c.req.raw, { emptyBody: {} }));
      const uuid = await recordDeployment(db, placement, applicationInstanceOf(body), clock().toISOString());
      const baseUrl = c.get('baseUrl');
      const deployed = orNotFound(await findDeployedVersionByUuid(db, uuid));
      return halJson(decorateDeployedVersion(deployed, placement.environment, baseUrl), 201, { location: deployedVersionUrl(baseUrl, uuid) });
    },
  });

  resource(app, '/deployed-versions/:uuid', {
    GET: async (c) => {
      const deployed = orNotFound(await findDeployedVersionByUuid(db, pathParam(c, 'uuid')));
      return halJson(decorateDeployedVersion(deployed, await environmentOf(db, deployed), c.get('baseUrl')));
    },
    PATCH: async (c) => {
      let deployed = orNotFound(await findDeployedVersionByUuid(db, pathParam(c, 'uuid')));
      const currentlyDeployed = await readMergePatchProperty(c.req.raw, 'currentlyDeployed');
      if (currentlyDeployed === true) throw cannotSetBackToTrue('currentlyDeployed', CANNOT_REDEPLOY);
      if (currentlyDeployed === false) {
        await recordUndeployment(db, deployed.id, clock().toISOString());
        deployed = orNotFound(await findDeployedVersionByUuid(db, deployed.uuid));
      }
      return halJson(decorateDeployedVersion(deployed, await environmentOf(db, deployed), c.get('baseUrl')));
    },
  });

  resource(app, '/environments/:uuid/deployed-versions/currently-deployed', {
    GET: async (c) => {
      const environment = await requireEnvironment(db, pathParam(c, 'uuid'));
      const list = await listCurrentDeployments(db, environment.id, currentDeploymentsFilter(new URL(c.req.url).searchParams));
      const title = `Currently deployed versions for ${environmentDisplayName(environment)}`;
      const self = listSelfLink(currentlyDeployedVersionsUrl(c.get('baseUrl'), environment.uuid), rawQuery(c), title);
      return halJson(decorateDeployedVersions(list, self, { embed: true }, c.get('baseUrl')));
    },
  });

  return app;
}

/**
 * `?pacticipant=` (blank: any), and `?applicationInstance=` or the older `?target=`, where a blank
 * value asks for deployments without an instance (RB `currently_deployed_versions_for_environment.rb`).
 */
function currentDeploymentsFilter(query: URLSearchParams): CurrentDeploymentsFilter {
  const filter: CurrentDeploymentsFilter = {};
  const pacticipantName = query.get('pacticipant');
  if (pacticipantName) filter.pacticipantName = pacticipantName;
  const target = query.get('applicationInstance') ?? query.get('target');
  if (target !== null) filter.target = target.trim() === '' ? null : target;
  return filter;
}
