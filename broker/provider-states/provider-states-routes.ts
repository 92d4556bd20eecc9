import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJsonText, pathParam, type BrokerContext, type BrokerEnv, resource } from '../http/index.js';
import { requireNamedPacticipant } from '../pacticipants/index.js';
import { comparePacts, findProviderPactsWithContent, type ProviderPactSelection, generatePactJson, parsePactJson } from '../pacts/index.js';
import { aggregateProviderStates } from './provider-states.js';

const PROVIDER_STATES = '/pacts/provider/:provider/provider-states';

/**
 * `pact-broker provider-states list`: the states the provider's pacts name, from each consumer's
 * main branch head by default, a branch's heads, or the versions currently in an environment
 * (docs/broker-api.md#pact-routes; RB `pacts/provider_state_service.rb`).
 */
export function providerStateRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  const providerStates = async (c: BrokerContext, selection: ProviderPactSelection): Promise<Response> => {
    const provider = await requireNamedPacticipant(db, pathParam(c, 'provider'), 'provider');
    const pacts = await findProviderPactsWithContent(db, { providerId: provider.id, selection });
    // Floats in params stay floats (`1.0`, not `1`), as the Ruby broker's json gem keeps them (team issue 14).
    const parsed = pacts.sort(comparePacts).map((pact) => ({ consumerName: pact.consumerName, content: parsePactJson(pact.content) }));
    return halJsonText(generatePactJson({ providerStates: aggregateProviderStates(parsed) }));
  };

  resource(app, PROVIDER_STATES, { GET: (c) => providerStates(c, { kind: 'branch', heads: true }) });
  resource(app, `${PROVIDER_STATES}/branch/:branch`, { GET: (c) => providerStates(c, { kind: 'branch', branch: pathParam(c, 'branch'), heads: true }) });
  // The Ruby broker calls this segment `environment_uuid` but matches it against environment names.
  resource(app, `${PROVIDER_STATES}/environment/:environment`, {
    GET: (c) => providerStates(c, { kind: 'environment', environmentName: pathParam(c, 'environment') }),
  });

  return app;
}
