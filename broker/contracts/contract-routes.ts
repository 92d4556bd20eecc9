import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import { halJson, type BrokerEnv, validationFailed, readBodyBytes, resource } from '../http/index.js';
import { publishContracts } from './contracts-service.js';
import { decoratePublishResults } from './publish-results-decorator.js';
import type { PublishBodyWork } from './publish-body-work.js';
import type { PactsPublished } from '../pacts/index.js';

/** `POST /contracts/publish`: the CLI's only way to publish; `allowModification`: changed content replaces a version's pact (team issue 14). */
export function contractRoutes(db: Db, events: BrokerEvents, clock: () => Date, bodyWork: PublishBodyWork, pactsPublished: PactsPublished, allowModification = false): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/contracts/publish', {
    POST: async (c) => {
      const validation = await bodyWork.run('publishContracts', await readBodyBytes(c.req.raw));
      if (!validation.valid) throw validationFailed(validation.errors);
      const baseUrl = c.get('baseUrl');
      const now = clock().toISOString();
      const results = await publishContracts(db, events, validation.value, baseUrl, now, allowModification);
      // Issue 15: once committed, each pact meets the provider contracts it was not compared with yet.
      await pactsPublished(results.pacts, baseUrl);
      return halJson(decoratePublishResults(results, baseUrl));
    },
  });
  return app;
}
