import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { findExistingEnvironmentNames } from '../environments/index.js';
import { urlEncode } from '../hal/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, orNotFound, validationFailed, isObject, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { findPactsForVerification } from './pacts-for-verification-service.js';
import { validateQuery } from './query-contract.js';
import { normaliseQuery, type VerificationQuery } from './verification-query.js';
import { decorateVerifiablePacts } from './verifiable-pacts-decorator.js';

/** What the GET form verifies: the default selectors, with pending status (its query string is not read). */
const GET_QUERY: VerificationQuery = {
  providerVersionBranch: undefined,
  providerVersionTags: [],
  selectors: [],
  includePendingStatus: true,
  includeWipPactsSince: undefined,
};

/** `pb:provider-pacts-for-verification` (docs/broker-api.md#pacts-for-verification): VER GETs it for its `self` link, then POSTs its query there. */
export function pactsForVerificationRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, '/pacts/provider/:provider/for-verification', {
    GET: (c) => answer(c, GET_QUERY, true),
    POST: async (c) => {
      // As webmachine decides: a body that is not JSON is refused after the provider was found, a malformed one before.
      if (!c.req.header('content-type')?.includes('json')) await requireProviderId(c);
      const body = expectJsonObject(await readJsonBody(c.req.raw, { emptyBody: {} }));
      const errors = validateQuery(body, await findExistingEnvironmentNames(db, environmentNamesIn(body)));
      if (Object.keys(errors).length > 0) throw validationFailed(errors);
      return answer(c, normaliseQuery(body), false);
    },
  });

  async function answer(c: BrokerContext, query: VerificationQuery, deprecated: boolean): Promise<Response> {
    const providerId = await requireProviderId(c);
    const pacts = await findPactsForVerification(db, providerId, query, clock());
    const baseUrl = c.get('baseUrl');
    const selfUrl = `${baseUrl}/pacts/provider/${urlEncode(pathParam(c, 'provider'))}/for-verification`;
    return halJson(decorateVerifiablePacts(pacts, { baseUrl, selfUrl, includePendingStatus: query.includePendingStatus, deprecated }));
  }

  async function requireProviderId(c: BrokerContext): Promise<number> {
    return orNotFound(await findPacticipantByName(db, pathParam(c, 'provider'))).id;
  }

  return app;
}

/** The environment names the selectors mention, which the contract checks exist. */
function environmentNamesIn(body: Record<string, unknown>): string[] {
  const selectors = Array.isArray(body.consumerVersionSelectors) ? (body.consumerVersionSelectors as unknown[]) : [];
  return selectors.flatMap((selector) => (isObject(selector) && typeof selector.environment === 'string' ? [selector.environment] : []));
}
