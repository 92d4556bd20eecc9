import { Hono } from 'hono';
import type { Db } from '../db/database.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv } from '../http/broker-env.js';
import { validationFailed } from '../http/http-error.js';
import { expectJsonObject, readJsonBody } from '../http/request-body.js';
import { resource } from '../http/resource.js';
import { decorateProviderContractPublication } from './provider-contract-decorator.js';
import { validateLegacyBody, validatePublishBody, type ProviderContractValidation } from './provider-contract-schema.js';
import { publishProviderContract } from './provider-contract-service.js';

/** Publishing provider contracts through PactFlow's two resources (issue 15, bi-directional contract testing). */
export function providerContractRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  const publish = async (c: BrokerContext, validate: (body: Record<string, unknown>) => ProviderContractValidation, createdStatus: number) => {
    const validation = validate(expectJsonObject(await readJsonBody(c.req.raw)));
    if (!validation.valid) throw validationFailed(validation.errors);
    const baseUrl = c.get('baseUrl');
    const publication = await publishProviderContract(db, pathParam(c, 'provider'), validation.value, baseUrl, clock().toISOString());
    return halJson(decorateProviderContractPublication(publication, baseUrl), publication.versionCreated ? createdStatus : 200);
  };

  // The index relation pf:publish-provider-contract; PactFlow answers 200 whether or not the version existed.
  resource(app, '/provider-contracts/provider/:provider/publish', { POST: (c) => publish(c, validatePublishBody, 200) });
  // PactFlow's earlier resource, still documented: the version is in the URL, the branch and tags are not taken.
  resource(app, '/contracts/provider/:provider/version/:version', {
    PUT: (c) => publish(c, (body) => validateLegacyBody(body, pathParam(c, 'version')), 201),
  });
  return app;
}
