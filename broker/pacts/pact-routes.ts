import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import { halJson, halJsonText, pathParam, type BrokerContext, type BrokerEnv, orNotFound, readBodyBytes, resource } from '../http/index.js';
import { decorateLatestPacts } from './latest-pacts-decorator.js';
import { pactRendering, type PactDecoration } from './pact-decorator.js';
import { pactDiffRoutes } from './pact-diff-routes.js';
import { decodeMetadata, encodeMetadata } from './pact-metadata.js';
import { postDeletionBody } from './pact-post-deletion.js';
import {
  deletePublications,
  findLatestPact,
  findLatestPactOfEveryIntegration,
  findLatestPactWithContent,
  findPreviousDistinctPact,
  type PactCriteria,
  type PactRowWithContent,
} from './pact-repository.js';
import { putPact, type OnExistingPact, type PactPathParams } from './put-pact-service.js';
import type { PactBodyWork } from './pact-body-work.js';
import type { PactsPublished } from './pacts-published.js';

const INTEGRATION = '/pacts/provider/:provider/consumer/:consumer';

/**
 * Publishing (legacy PUT), deleting and reading pacts (docs/broker-api.md#the-legacy-put-and-patch, docs/broker-api.md#reading-pacts); `allowModification`:
 * a PUT of changed content replaces a version's pact (RB `allow_dangerous_contract_modification`, team issue 14).
 */
export function pactRoutes(db: Db, events: BrokerEvents, clock: () => Date, bodyWork: PactBodyWork, pactsPublished: PactsPublished, allowModification = false): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, '/pacts/latest', {
    GET: async (c) => halJson(decorateLatestPacts(await findLatestPactOfEveryIntegration(db), c.get('baseUrl'))),
  });

  // `versions/{v}` is the Ruby broker's deprecated form of the same resource, kept "for backwards compatibility" (RB api.rb).
  for (const path of [`${INTEGRATION}/version/:version`, `${INTEGRATION}/versions/:version`]) {
    resource(app, path, {
      GET: async (c) => pactResponse(c, await requirePact(db, versionParams(c))),
      PUT: (c) => storePact(c, allowModification ? 'replace' : 'refuse-changes'),
      PATCH: (c) => storePact(c, 'merge'),
      DELETE: async (c) => {
        const params = versionParams(c);
        await db.transaction().execute(async (tx) => {
          const pact = orNotFound(await findLatestPact(tx, params));
          await deletePublications(tx, pact.consumerVersionId, pact.providerId);
        });
        return halJson(await postDeletionBody(db, params.consumerName, params.providerName, c.get('baseUrl')));
      },
    });
  }

  // RB previous_distinct_pact_version.rb: the pact of an earlier consumer version whose content differs (team issue 14).
  resource(app, `${INTEGRATION}/version/:version/previous-distinct`, {
    GET: async (c) => pactResponse(c, orNotFound(await findPreviousDistinctPact(db, await requirePact(db, versionParams(c))))),
  });
  app.route('/', pactDiffRoutes(db, clock));

  resource(app, `${INTEGRATION}/latest`, { GET: (c) => latestPact(c, {}) });
  resource(app, `${INTEGRATION}/latest/:tag`, { GET: (c) => latestPact(c, { tag: pathParam(c, 'tag') }) });
  resource(app, `${INTEGRATION}/branch/:branch/latest`, { GET: (c) => latestPact(c, { branch: pathParam(c, 'branch') }) });

  resource(app, `${INTEGRATION}/pact-version/:sha`, {
    GET: async (c) => pactResponse(c, await requirePact(db, { ...integrationParams(c), sha: pathParam(c, 'sha') }, 'all')),
  });
  resource(app, `${INTEGRATION}/pact-version/:sha/metadata/:metadata`, {
    GET: async (c) => {
      const encoded = pathParam(c, 'metadata');
      const { pact, consumerVersionNumbers } = await pactForMetadata(db, { ...integrationParams(c), sha: pathParam(c, 'sha') }, encoded);
      return pactResponse(c, pact, { metadata: encoded, consumerVersionNumbers });
    },
  });

  /** A "latest" pact: its consumer version in a header, and in the metadata of its verification results link. */
  async function latestPact(c: BrokerContext, selection: { tag?: string; branch?: string }): Promise<Response> {
    const pact = await requirePact(db, { ...integrationParams(c), ...selection });
    const metadata = encodeMetadata({ consumerVersionTags: selection.tag === undefined ? undefined : [selection.tag], consumerVersionId: pact.consumerVersionId });
    return pactResponse(c, pact, { metadata }, 200, { 'X-Pact-Consumer-Version': pact.consumerVersionNumber });
  }

  /** PUT and PATCH: 201 with the pact when the version had none, else 200. */
  async function storePact(c: BrokerContext, onExisting: OnExistingPact): Promise<Response> {
    const document = await bodyWork.run('putPact', await readBodyBytes(c.req.raw));
    const now = clock().toISOString();
    const result = await putPact(db, events, versionParams(c), document, c.get('baseUrl'), now, onExisting);
    await pactsPublished([result.pact], c.get('baseUrl')); // issue 15, as POST /contracts/publish
    return pactResponse(c, result.pact, {}, result.created ? 201 : 200);
  }

  /** A pact's answer, rendered off the event loop. */
  async function pactResponse(c: BrokerContext, pact: PactRowWithContent, decoration: PactDecoration = {}, status = 200, headers: Record<string, string> = {}): Promise<Response> {
    return halJsonText(await bodyWork.run('renderPact', pactRendering(pact, c.get('baseUrl'), decoration)), status, headers);
  }

  return app;
}

function integrationParams(c: BrokerContext): Pick<PactCriteria, 'consumerName' | 'providerName'> {
  return { consumerName: pathParam(c, 'consumer'), providerName: pathParam(c, 'provider') };
}

function versionParams(c: BrokerContext): PactPathParams {
  return { ...integrationParams(c), consumerVersionNumber: pathParam(c, 'version') };
}

async function requirePact(db: Db, criteria: PactCriteria, revisions: 'latest' | 'all' = 'latest'): Promise<PactRowWithContent> {
  return orNotFound(await findLatestPactWithContent(db, criteria, revisions));
}

/** The pact of the consumer version the metadata names when it has this content, else the latest with this content. */
async function pactForMetadata(db: Db, criteria: PactCriteria, encoded: string) {
  const metadata = decodeMetadata(encoded);
  const named =
    metadata.consumerVersionNumber !== undefined || metadata.consumerVersionId !== undefined
      ? await findLatestPactWithContent(db, {
          consumerName: criteria.consumerName,
          providerName: criteria.providerName,
          consumerVersionNumber: metadata.consumerVersionNumber,
          consumerVersionId: metadata.consumerVersionId,
        })
      : undefined;
  if (named && named.sha === criteria.sha) return { pact: named, consumerVersionNumbers: [named.consumerVersionNumber] };
  return { pact: await requirePact(db, criteria, 'all'), consumerVersionNumbers: undefined };
}
