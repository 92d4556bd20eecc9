import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from '../shared/logger.js';
import { DEFAULT_MAX_BODY_BYTES, type BasicAuthSettings } from '../shared/broker-config.js';
import { basicAuth } from './auth/index.js';
import type { BasicCredential } from './auth/index.js';
import { badgeRoutes } from './badges/index.js';
import { findComparedMatrix, comparePublishedPacts, createCrossContractQueue, type CrossContractQueue, providerContractRoutes } from './bi-directional/index.js';
import { branchRoutes, tagRoutes, versionRoutes } from './version-resources/index.js';
import { contractRoutes } from './contracts/index.js';
import { dashboardRoutes, pactWebhooksStatusRoutes } from './dashboard/index.js';
import type { Db } from './db/index.js';
import { deploymentRoutes, releaseRoutes } from './deployments/index.js';
import { metricsRoutes } from './metrics/index.js';
import { diagnosticRoutes } from './diagnostic/index.js';
import { docRoutes } from './doc/index.js';
import { environmentRoutes } from './environments/index.js';
import { createBrokerEvents, type BrokerEvents } from './events/index.js';
import { baseUrlResolver } from './hal/index.js';
import { INLINE_BODY_WORK, type BodyWork } from './body-work/index.js';
import { brokerBodyLimit, PACT_BROKER_COMPATIBLE_VERSION, generateErrorReference, renderHttpError, renderUnexpectedError, HttpError, notFound } from './http/index.js';
import type { BrokerEnv } from './http/index.js';
import { halBrowserRoutes } from './hal-browser/index.js';
import { indexRoutes } from './index/index.js';
import { integrationRoutes } from './integrations/index.js';
import { labelRoutes, pacticipantRoutes } from './pacticipants/index.js';
import { matrixRoutes } from './matrix/index.js';
import { pactRoutes, providerPactRoutes } from './pacts/index.js';
import type { PactsPublished } from './pacts/index.js';
import { pactsForVerificationRoutes } from './pacts-for-verification/index.js';
import { providerStateRoutes } from './provider-states/index.js';
import { secretRoutes } from './secrets/index.js';
import { uiRoutes } from './ui/index.js';
import { verificationRoutes } from './verifications/index.js';
import { triggeredWebhookRoutes, webhookRoutes, webhookTriggers, DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks/index.js';

export interface BrokerAppDependencies {
  db: Db;
  /** Configured base URLs for links; empty: built from each request. */
  baseUrls: readonly string[];
  logger: Logger;
  clock: () => Date;
  /** Webhook whitelists and delivery timeout; defaults as the Ruby broker's. */
  webhooks?: WebhookSettings;
  /** Basic auth as the Ruby broker's; none: every request is allowed. */
  auth?: BasicAuthSettings;
  /** With `auth`: the platform's own read/write user (embedded brokers, issue 11). */
  platformCredential?: BasicCredential;
  /** Larger request bodies are refused with 413; default 16 MiB. */
  maxBodyBytes?: number;
  /** Where pact bodies are parsed and hashed; default the calling thread. */
  bodyWork?: BodyWork;
  /** A tag named as an environment records a deployment there; default true, as the Ruby broker. */
  createDeployedVersionsForTags?: boolean;
  /** Changed content may be published over a consumer version's pact; default false, as the Ruby broker. */
  allowDangerousContractModification?: boolean;
  /** Instead of `auth` and `maxBodyBytes`: middlewares choosing them per request, for one app shared by a process's brokers (team issue 13). */
  perRequest?: { authenticate: MiddlewareHandler<BrokerEnv>; bodyLimit: MiddlewareHandler<BrokerEnv> };
  /** Where cross-contract comparisons run (team issue 15); default in the publishing request, which waits for them. */
  crossContracts?: CrossContractQueue;
  /** Where pacts and verifications raise their events; default {@link subscribedBrokerEvents}. */
  events?: BrokerEvents;
}

/**
 * The broker's events with their subscribers: the webhooks queue deliveries for them (team issue 16),
 * calling `webhooksQueued` after the commit of each write that queued some (team issue 13: the worker's
 * wake); by default nothing, for an app without a webhook worker of its own.
 */
export function subscribedBrokerEvents(webhooksQueued: () => void = () => {}): BrokerEvents {
  return createBrokerEvents([webhookTriggers(webhooksQueued)]);
}

/** The broker's HTTP application: routes, response headers of every answer, and the one place errors are rendered. */
export function createBrokerApp({ db, baseUrls, logger, clock, webhooks = DEFAULT_WEBHOOK_SETTINGS, auth, platformCredential, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, bodyWork = INLINE_BODY_WORK, createDeployedVersionsForTags = true, allowDangerousContractModification = false, perRequest, crossContracts, events = subscribedBrokerEvents() }: BrokerAppDependencies): Hono<BrokerEnv> {
  // Not strict: webmachine ignores a trailing slash, so `/pacticipants/` is `/pacticipants`.
  const app = new Hono<BrokerEnv>({ strict: false });
  const resolveBaseUrl = baseUrlResolver(baseUrls);
  const comparisons = crossContracts ?? createCrossContractQueue({ db, events, logger, clock, waitMs: Infinity });
  // Given to the publishing routes, so that pacts/ and contracts/ do not import bi-directional/ (team issue 16).
  const pactsPublished: PactsPublished = (pacts, baseUrl) => comparePublishedPacts(db, comparisons, pacts, baseUrl);

  // Outermost, as in the Ruby broker: a refused request gets none of the headers below.
  const authenticate = perRequest?.authenticate ?? (auth && basicAuth(auth, platformCredential));
  if (authenticate) app.use(authenticate);

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('baseUrl', resolveBaseUrl(c.req.raw));
    await next();
    c.res.headers.set('x-pact-broker-version', PACT_BROKER_COMPATIBLE_VERSION);
    if (!c.res.headers.has('vary')) c.res.headers.set('vary', 'Accept');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-cache');
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(perRequest?.bodyLimit ?? brokerBodyLimit(maxBodyBytes));

  app.route('/', uiRoutes(db, clock)); // first: browsers get pages on the API's URLs, every other client passes on
  app.route('/', indexRoutes());
  app.route('/', halBrowserRoutes());
  app.route('/', docRoutes());
  app.route('/', diagnosticRoutes(db, logger));
  app.route('/', metricsRoutes(db));
  app.route('/', contractRoutes(db, events, clock, bodyWork, pactsPublished, allowDangerousContractModification));
  app.route('/', providerContractRoutes(db, clock, comparisons));
  app.route('/', badgeRoutes(db, logger)); // before pactRoutes: `latest/badge` also matches `latest/:tag`
  app.route('/', webhookRoutes(db, webhooks, clock)); // before pactRoutes: `/pacts/provider/P/consumer/C/webhooks`
  app.route('/', pactWebhooksStatusRoutes(db)); // before pactRoutes, as webhookRoutes
  app.route('/', pactRoutes(db, events, clock, bodyWork, pactsPublished, allowDangerousContractModification));
  app.route('/', pactsForVerificationRoutes(db, clock));
  app.route('/', providerPactRoutes(db));
  app.route('/', providerStateRoutes(db));
  app.route('/', labelRoutes(db, clock)); // before pacticipantRoutes: `/pacticipants/label/{l}` is not a pacticipant's resource
  app.route('/', pacticipantRoutes(db, clock));
  app.route('/', versionRoutes(db, clock));
  app.route('/', branchRoutes(db, clock));
  app.route('/', tagRoutes(db, clock, createDeployedVersionsForTags));
  app.route('/', environmentRoutes(db, clock));
  app.route('/', deploymentRoutes(db, clock));
  app.route('/', releaseRoutes(db, clock));
  app.route('/', verificationRoutes(db, events, clock));
  app.route('/', matrixRoutes(db, (query, baseUrl) => findComparedMatrix(db, comparisons, query, baseUrl)));
  app.route('/', dashboardRoutes(db));
  app.route('/', integrationRoutes(db));
  app.route('/', triggeredWebhookRoutes(db));
  app.route('/', secretRoutes(db, webhooks.secretsKey, clock));

  app.notFound((c) => renderHttpError(notFound(), c.req.raw, c.get('baseUrl')));
  app.onError((error, c) => {
    const baseUrl = c.get('baseUrl');
    if (error instanceof HttpError) return renderHttpError(error, c.req.raw, baseUrl);
    const reference = generateErrorReference();
    logger.error('Unexpected error', { reference, method: c.req.method, path: c.req.path, error });
    return renderUnexpectedError(reference, c.req.raw, baseUrl);
  });

  return app;
}
