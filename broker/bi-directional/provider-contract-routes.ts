import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, notFound, validationFailed, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { findVersion } from '../versions/index.js';
import { decoratePairConsumerContract, decoratePairCrossContract, decoratePairProviderContract, decoratePairSelfVerification } from './contract-pair-decorator.js';
import { findContractPair, type ContractPair } from './contract-pair.js';
import type { CrossContractQueue } from './cross-contract-queue.js';
import { decorateProviderContractPublication } from './provider-contract-decorator.js';
import { decorateCrossContractResults, decorateProviderContract, decorateSelfVerification } from './provider-contract-read-decorator.js';
import { findComparisonsOfContract, findProviderContract, type ProviderContractRow } from './provider-contract-repository.js';
import { validateLegacyBody, validatePublishBody, type ProviderContractValidation } from './provider-contract-schema.js';
import { publishProviderContract } from './provider-contract-service.js';

/** Publishing provider contracts through PactFlow's two resources, and reading them back (issue 15, bi-directional contract testing). */
export function providerContractRoutes(db: Db, clock: () => Date, comparisons: CrossContractQueue): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  const publish = async (c: BrokerContext, validate: (body: Record<string, unknown>) => ProviderContractValidation, createdStatus: number) => {
    const validation = validate(expectJsonObject(await readJsonBody(c.req.raw)));
    if (!validation.valid) throw validationFailed(validation.errors);
    const baseUrl = c.get('baseUrl');
    const publication = await publishProviderContract(db, comparisons, pathParam(c, 'provider'), validation.value, baseUrl, clock().toISOString());
    return halJson(decorateProviderContractPublication(publication, baseUrl), publication.versionCreated ? createdStatus : 200);
  };

  // The index relation pf:publish-provider-contract; PactFlow answers 200 whether or not the version existed.
  resource(app, '/provider-contracts/provider/:provider/publish', { POST: (c) => publish(c, validatePublishBody, 200) });
  // PactFlow's earlier resource, still documented: the version is in the URL, the branch and tags are not taken.
  resource(app, '/contracts/provider/:provider/version/:version', {
    PUT: (c) => publish(c, (body) => validateLegacyBody(body, pathParam(c, 'version')), 201),
  });

  const VERSION = '/contracts/bi-directional/provider/:provider/version/:version';
  const read = (render: (contract: ProviderContractRow, provider: string, version: string, baseUrl: string) => unknown | Promise<unknown>) => async (c: BrokerContext) => {
    const provider = await findPacticipantByName(db, pathParam(c, 'provider'));
    const version = provider && (await findVersion(db, provider.id, pathParam(c, 'version')));
    const contract = version && (await findProviderContract(db, version.id));
    if (!provider || !version || !contract) throw notFound();
    return halJson(await render(contract, provider.name, version.number, c.get('baseUrl')));
  };
  resource(app, `${VERSION}/provider-contract`, { GET: read(decorateProviderContract) });
  resource(app, `${VERSION}/provider-contract-verification-results`, { GET: read(decorateSelfVerification) });
  resource(app, `${VERSION}/cross-contract-verification-results`, {
    GET: read(async (contract, provider, version, baseUrl) => decorateCrossContractResults(await findComparisonsOfContract(db, contract.sha), provider, version, baseUrl)),
  });

  // PactFlow's resources of one consumer version with the provider version (issue 15).
  const readPair = (render: (pair: ContractPair, baseUrl: string) => unknown) => async (c: BrokerContext) => {
    const names = { providerName: pathParam(c, 'provider'), providerVersionNumber: pathParam(c, 'version'), consumerName: pathParam(c, 'consumer'), consumerVersionNumber: pathParam(c, 'consumerVersion') };
    const pair = await findContractPair(db, comparisons, names, c.get('baseUrl'));
    if (!pair) throw notFound();
    return halJson(render(pair, c.get('baseUrl')));
  };
  const PAIR = `${VERSION}/consumer/:consumer/version/:consumerVersion`;
  resource(app, `${PAIR}/provider-contract`, { GET: readPair(decoratePairProviderContract) });
  resource(app, `${PAIR}/provider-contract-verification-results`, { GET: readPair(decoratePairSelfVerification) });
  resource(app, `${PAIR}/consumer-contract`, { GET: readPair(decoratePairConsumerContract) });
  resource(app, `${PAIR}/cross-contract-verification-results`, { GET: readPair(decoratePairCrossContract) });
  return app;
}
