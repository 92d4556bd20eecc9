import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerEnv, orNotFound, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { decorateEnvironment, decorateEnvironments } from './environment-decorator.js';
import { requireEnvironment } from './environment-lookup.js';
import { deleteEnvironment, findEnvironmentByName, listEnvironments } from './environment-repository.js';
import { createEnvironment, parseEnvironment, replaceEnvironment } from './environment-service.js';
import { environmentUrl } from './environment-urls.js';

/** `/environments` and `/environments/{uuid}` (docs/broker-api.md#environments). */
export function environmentRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/environments', {
    GET: async (c) => {
      // Webmachine drops a blank query parameter, so `?name=` lists them all.
      const name = c.req.query('name');
      const environments = name ? [await findEnvironmentByName(db, name)].filter((found) => found !== undefined) : await listEnvironments(db);
      return halJson(decorateEnvironments(environments, c.get('baseUrl')));
    },
    POST: async (c) => {
      const body = expectJsonObject(await readJsonBody(c.req.raw));
      const environment = await createEnvironment(db, await parseEnvironment(db, body, undefined), clock().toISOString());
      const baseUrl = c.get('baseUrl');
      return halJson(decorateEnvironment(environment, baseUrl), 201, { location: environmentUrl(baseUrl, environment.uuid) });
    },
  });
  resource(app, '/environments/:uuid', {
    GET: async (c) => halJson(decorateEnvironment(await requireEnvironment(db, pathParam(c, 'uuid')), c.get('baseUrl'))),
    PUT: async (c) => {
      const { uuid } = await requireEnvironment(db, pathParam(c, 'uuid'));
      const body = expectJsonObject(await readJsonBody(c.req.raw));
      const replaced = orNotFound(await replaceEnvironment(db, uuid, await parseEnvironment(db, body, uuid), clock().toISOString()));
      return halJson(decorateEnvironment(replaced, c.get('baseUrl')));
    },
    DELETE: async (c) => {
      await deleteEnvironment(db, (await requireEnvironment(db, pathParam(c, 'uuid'))).uuid);
      return c.body(null, 204);
    },
  });
  return app;
}
