import { Hono } from 'hono';
import type { Db } from '../db/database.js';
import { halJson, type BrokerEnv } from '../http/broker-env.js';
import { validationFailed } from '../http/http-error.js';
import { isObject } from '../http/json-object.js';
import { readJsonBody } from '../http/request-body.js';
import { resource } from '../http/resource.js';
import { publishContracts } from './contracts-service.js';
import { validatePublishContracts } from './publish-contracts-schema.js';
import { decoratePublishResults } from './publish-results-decorator.js';

/** `POST /contracts/publish`: the CLI's only way to publish. */
export function contractRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/contracts/publish', {
    POST: async (c) => {
      const body = await readJsonBody(c.req.raw, { emptyBody: {} });
      // A JSON array passes the parser but holds none of the required keys.
      const validation = validatePublishContracts(isObject(body) ? body : {});
      if (!validation.valid) throw validationFailed(validation.errors);
      const baseUrl = c.get('baseUrl');
      const results = await publishContracts(db, validation.value, baseUrl, clock().toISOString());
      return halJson(decoratePublishResults(results, baseUrl));
    },
  });
  return app;
}
