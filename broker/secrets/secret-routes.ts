import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerEnv, notFound, orNotFound, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { decorateSecret, decorateSecrets, secretUrl } from './secret-decorator.js';
import { deleteSecret, findSecretByUuid, listSecrets } from './secret-repository.js';
import { createSecret, parseSecret, replaceSecret, requireSecretsKey } from './secret-service.js';

/**
 * `/secrets` and `/secrets/{uuid}` (team issue 14, PactFlow's secrets API): values go in, never out.
 * `key`: the platform's secrets key; without one, reads and deletes work and writes answer 501.
 */
export function secretRoutes(db: Db, key: Buffer | undefined, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/secrets', {
    GET: async (c) => halJson(decorateSecrets(await listSecrets(db), c.get('baseUrl'))),
    POST: async (c) => {
      const secretsKey = requireSecretsKey(key);
      const input = await parseSecret(db, expectJsonObject(await readJsonBody(c.req.raw)), undefined);
      const created = await createSecret(db, secretsKey, input, clock().toISOString());
      const baseUrl = c.get('baseUrl');
      return halJson(decorateSecret(created, baseUrl), 201, { location: secretUrl(baseUrl, created.uuid) });
    },
  });
  resource(app, '/secrets/:uuid', {
    GET: async (c) => halJson(decorateSecret(orNotFound(await findSecretByUuid(db, pathParam(c, 'uuid'))), c.get('baseUrl'))),
    PUT: async (c) => {
      const existing = orNotFound(await findSecretByUuid(db, pathParam(c, 'uuid')));
      const secretsKey = requireSecretsKey(key);
      const input = await parseSecret(db, expectJsonObject(await readJsonBody(c.req.raw)), existing.uuid);
      const replaced = orNotFound(await replaceSecret(db, secretsKey, existing, input, clock().toISOString()));
      return halJson(decorateSecret(replaced, c.get('baseUrl')));
    },
    DELETE: async (c) => {
      if (!(await deleteSecret(db, pathParam(c, 'uuid')))) throw notFound();
      return c.body(null, 204);
    },
  });
  return app;
}
