import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, notFound, orNotFound, validationFailed, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { findPacticipantByName } from '../pacticipants/index.js';
import { decodeMetadata, type PactMetadata, findLatestPact, findPactsOfConsumerVersion, type PactRow } from '../pacts/index.js';
import { findVersion } from '../versions/index.js';
import { validateVerification } from './verification-contract.js';
import { decorateVerification, decorateVerificationSummary } from './verification-decorator.js';
import { findLatestVerificationsOfConsumerVersion, findVerificationOfPactVersion } from './verification-repository.js';
import { publishVerification } from './verification-service.js';
import { verificationUrl } from './verification-urls.js';

const INTEGRATION = '/pacts/provider/:provider/consumer/:consumer';
const PACT_VERSION = `${INTEGRATION}/pact-version/:sha`;

/** Publishing and reading verification results (docs/broker-api.md#verification-results). */
export function verificationRoutes(db: Db, events: BrokerEvents, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  const publish = async (c: BrokerContext) => {
    const metadata = metadataOf(c);
    const pact = await requirePactOfVersion(db, c, metadata);
    const validation = validateVerification(expectJsonObject(await readJsonBody(c.req.raw)));
    if (!validation.valid) throw validationFailed(validation.errors);
    const baseUrl = c.get('baseUrl');
    const verification = await publishVerification(db, events, pact, validation.value, metadata, clock().toISOString(), baseUrl);
    return halJson(decorateVerification(verification, pact, baseUrl), 201, { Location: verificationUrl(baseUrl, verification) });
  };
  resource(app, `${PACT_VERSION}/verification-results`, { POST: publish });
  resource(app, `${PACT_VERSION}/metadata/:metadata/verification-results`, { POST: publish });

  // Registered before `{number}`, which `latest` would match too.
  resource(app, `${PACT_VERSION}/verification-results/latest`, { GET: (c) => showVerification(c, 'latest') });
  const byNumber = (c: BrokerContext) => {
    const number = pathParam(c, 'number');
    if (!/^\d+$/.test(number)) throw notFound();
    return showVerification(c, Number(number));
  };
  resource(app, `${PACT_VERSION}/verification-results/:number`, { GET: byNumber });
  resource(app, `${PACT_VERSION}/metadata/:metadata/verification-results/:number`, { GET: byNumber });

  resource(app, `${INTEGRATION}/version/:version/verification-results/latest`, {
    GET: async (c) => {
      const pact = await findLatestPact(db, { ...integrationParams(c), consumerVersionNumber: pathParam(c, 'version') });
      const verification = pact && (await findVerificationOfPactVersion(db, pact.pactVersionId, 'latest'));
      if (!pact || !verification) throw notFound();
      return halJson(decorateVerification(verification, pact, c.get('baseUrl')));
    },
  });

  resource(app, '/verification-results/consumer/:consumer/version/:version/latest', {
    GET: async (c) => {
      const consumer = await findPacticipantByName(db, pathParam(c, 'consumer'));
      const version = consumer && (await findVersion(db, consumer.id, pathParam(c, 'version')));
      if (!consumer || !version) throw notFound();
      const pacts = await findPactsOfConsumerVersion(db, version.id);
      const verifications = await findLatestVerificationsOfConsumerVersion(db, version.id);
      const summary = { consumerName: consumer.name, consumerVersionNumber: version.number, providerNames: pacts.map((pact) => pact.providerName) };
      return halJson(decorateVerificationSummary(summary, verifications, c.req.url, c.get('baseUrl')));
    },
  });

  async function showVerification(c: BrokerContext, number: number | 'latest'): Promise<Response> {
    const pact = await requirePactOfVersion(db, c, metadataOf(c));
    const verification = orNotFound(await findVerificationOfPactVersion(db, pact.pactVersionId, number));
    return halJson(decorateVerification(verification, pact, c.get('baseUrl')));
  }

  return app;
}

function integrationParams(c: BrokerContext) {
  return { consumerName: pathParam(c, 'consumer'), providerName: pathParam(c, 'provider') };
}

/** The pact of the content SHA: of the consumer version the URL's metadata names when it has this content, else the latest. */
async function requirePactOfVersion(db: Db, c: BrokerContext, metadata: PactMetadata): Promise<PactRow> {
  const criteria = { ...integrationParams(c), sha: pathParam(c, 'sha') };
  const named =
    metadata.consumerVersionNumber !== undefined || metadata.consumerVersionId !== undefined
      ? await findLatestPact(db, { ...criteria, consumerVersionNumber: metadata.consumerVersionNumber, consumerVersionId: metadata.consumerVersionId }, 'all')
      : undefined;
  return named ?? orNotFound(await findLatestPact(db, criteria, 'all'));
}

/** The metadata of the URL the verifier was given (pacts for verification), or none. */
function metadataOf(c: BrokerContext): PactMetadata {
  const encoded = c.req.param('metadata');
  return encoded === undefined ? {} : decodeMetadata(encoded);
}
