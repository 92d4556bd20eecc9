import { sql } from 'kysely';
import { silentLogger, type Logger } from '../shared/logger.js';
import type { BasicAuthSettings } from '../shared/broker-config.js';
import { createBrokerApp, subscribedBrokerEvents } from './app.js';
import { createCrossContractQueue } from './bi-directional/index.js';
import { createBodyWorkerPool, type BodyWork } from './body-work/index.js';
import type { BasicCredential } from './auth/index.js';
import { keepSqliteStatistics, openDatabase, migrateToLatest, waitForDatabase } from './db/index.js';
import type { SharedBrokerApp } from './shared-broker-app.js';
import { DEFAULT_WEBHOOK_SETTINGS, countUndelivered, DEFAULT_RETRY_SCHEDULE_SECONDS, startWebhookWorker } from './webhooks/index.js';
import type { ListeningEndpoint } from './webhooks/index.js';

export interface BrokerOptions {
  /** `sqlite:///abs/path.sqlite`, `sqlite::memory:` or `postgres://user:password@host:5432/name`. */
  databaseUrl: string;
  /** PostgreSQL connection pool size; default 4, as the official image. */
  maxConnections?: number;
  /** Retries while the database does not accept connections yet; default 0. */
  connectMaxRetries?: number;
  /** Pause between those retries; default 3 s, as the official image. */
  connectRetryIntervalMs?: number;
  /** Base URLs for links; the one matching the request's host (and forwarded prefix) is used, else the first. */
  baseUrls?: string[];
  /** Hosts webhooks may reach (`PACT_BROKER_WEBHOOK_HOST_WHITELIST`); default none, meaning any public host. */
  webhookHostWhitelist?: string[];
  /** URL schemes webhooks may use (`PACT_BROKER_WEBHOOK_SCHEME_WHITELIST`); default `['https']`. */
  webhookSchemeWhitelist?: string[];
  /** Seconds before each retry of a failed webhook (`webhook_retry_schedule`); default `[10,60,120,300,600,1200]`. */
  webhookRetrySchedule?: number[];
  /** The longest the webhook worker sleeps between looks at the queue (it wakes by itself when a row it knows of is due); default 60 s. */
  webhookPollIntervalMs?: number;
  /** Webhook deliveries in flight at once on this broker; default 4. */
  webhookMaxConcurrentDeliveries?: number;
  /** Whether this broker delivers queued webhooks; default true. Off, it only queues them for other brokers on the database. */
  webhookDelivery?: boolean;
  /** Where the server answering for this broker listens (the platform's gateway, or this broker alone), read at each delivery: webhooks never reach it, whatever the host whitelist (issue 11). Default none. */
  listeningEndpoints?: () => readonly ListeningEndpoint[];
  /** Basic auth (`PACT_BROKER_BASIC_AUTH_*`); default none. */
  basicAuth?: BasicAuthSettings;
  /** With `basicAuth`: one more read/write user, how the platform reaches an embedded broker (issue 11); never from the environment. */
  platformCredential?: BasicCredential;
  /** Request bodies larger than this are refused with 413 (`PACT_BROKER_MAX_BODY_BYTES`); default 16 MiB. */
  maxBodyBytes?: number;
  /** A tag named as an environment records a deployment there (`PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS`); default true, as the Ruby broker. */
  createDeployedVersionsForTags?: boolean;
  /** Changed content may be published over a consumer version's pact (`PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION`); default false, as the Ruby broker. */
  allowDangerousContractModification?: boolean;
  /** The 32-byte key of `/secrets` and webhooks' `${user.NAME}` (team issue 14; `PACT_BROKER_SECRETS_KEY`); default none: no secrets. */
  secretsKey?: Buffer;
  /** Worker threads for parsing and hashing pact bodies, shared by the brokers of a process; default a pool of this broker's own. */
  bodyWork?: BodyWork;
  /** How long a publication waits for its cross-contract comparisons before answering that they are queued (team issue 15); default 2 s. */
  crossContractWaitMs?: number;
  /** The app answering for this broker, shared by a process's brokers (team issue 13); its settings replace base URLs, clock, body work, tag deployments and dangerous modification. Default an app of this broker's own. */
  sharedApp?: SharedBrokerApp;
  /** SQLite: the most its page cache holds (team issue 13); default SQLite's 2 MiB. */
  sqliteCacheKiB?: number;
  logger?: Logger;
}

export interface Broker {
  fetch(request: Request): Response | Promise<Response>;
  /** Stops the webhook worker (awaiting deliveries in flight) and closes the database; the broker answers nothing afterwards. */
  close(): Promise<void>;
  /** Webhook deliveries queued or waiting for a retry (issue 13: the platform keeps such a broker awake). */
  undeliveredWebhooks(): Promise<number>;
}

const CONNECT_RETRY_INTERVAL_MS = 3000;
const WEBHOOK_POLL_INTERVAL_MS = 60_000;
const MAX_CONCURRENT_DELIVERIES = 4;
const CROSS_CONTRACT_WAIT_MS = 2000;

/** Opens the database (waiting for it when asked to), runs migrations, and returns the broker app. */
export async function openBroker(options: BrokerOptions): Promise<Broker> {
  const logger = options.logger ?? silentLogger;
  // Its schema changes only in the migrations below, before any statement is named (team issue 13).
  const db = openDatabase(options.databaseUrl, { maxConnections: options.maxConnections, sqliteCacheKiB: options.sqliteCacheKiB, logger, prepareStatements: true });
  let beforeClose: () => Promise<void>;
  try {
    await waitForDatabase(db, {
      maxRetries: options.connectMaxRetries ?? 0,
      intervalMs: options.connectRetryIntervalMs ?? CONNECT_RETRY_INTERVAL_MS,
      logger,
    });
    await migrateToLatest(db);
    beforeClose = await keepSqliteStatistics(db, logger);
    // The pages creating the schema and its statistics read are not those requests need: a small cache starts empty (team issue 13).
    if (options.sqliteCacheKiB !== undefined) await sql`pragma shrink_memory`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const webhooks = {
    ...DEFAULT_WEBHOOK_SETTINGS,
    hostWhitelist: options.webhookHostWhitelist ?? DEFAULT_WEBHOOK_SETTINGS.hostWhitelist,
    schemeWhitelist: options.webhookSchemeWhitelist ?? DEFAULT_WEBHOOK_SETTINGS.schemeWhitelist,
    ownEndpoints: options.listeningEndpoints ?? DEFAULT_WEBHOOK_SETTINGS.ownEndpoints,
    secretsKey: options.secretsKey,
  };
  const clock = () => new Date();
  const bodyWork = options.bodyWork ?? createBodyWorkerPool();
  const worker =
    options.webhookDelivery === false
      ? undefined
      : startWebhookWorker({
          db,
          settings: webhooks,
          logger,
          clock,
          retrySchedule: options.webhookRetrySchedule ?? DEFAULT_RETRY_SCHEDULE_SECONDS,
          pollIntervalMs: options.webhookPollIntervalMs ?? WEBHOOK_POLL_INTERVAL_MS,
          maxConcurrent: options.webhookMaxConcurrentDeliveries ?? MAX_CONCURRENT_DELIVERIES,
        });
  // Woken after the commit of whatever queued deliveries, a request or the comparison queue, and by nothing else:
  // a pacts-for-verification POST no longer costs its two statements (team issue 13).
  const events = subscribedBrokerEvents(() => worker?.wake());
  const crossContracts = createCrossContractQueue({ db, events, logger, clock, waitMs: options.crossContractWaitMs ?? CROSS_CONTRACT_WAIT_MS });
  // Comparisons a stopped broker left undone run again (issue 15), behind any a request queues meanwhile.
  crossContracts.recover(options.baseUrls?.[0] ?? '');
  const app = options.sharedApp
    ? options.sharedApp.tenant({ db, logger, webhooks, crossContracts, events, auth: options.basicAuth, platformCredential: options.platformCredential, maxBodyBytes: options.maxBodyBytes })
    : createBrokerApp({ db, baseUrls: options.baseUrls ?? [], logger, clock, webhooks, auth: options.basicAuth, platformCredential: options.platformCredential, maxBodyBytes: options.maxBodyBytes, bodyWork, createDeployedVersionsForTags: options.createDeployedVersionsForTags, allowDangerousContractModification: options.allowDangerousContractModification, crossContracts, events });
  let closed: Promise<void> | undefined;
  return {
    fetch: (request) => app.fetch(request),
    undeliveredWebhooks: () => countUndelivered(db),
    // The worker first: it finishes its deliveries while the database is still open.
    close: () => (closed ??= (async () => {
      await worker?.stop();
      await crossContracts.stop();
      await beforeClose();
      await db.destroy();
      if (!options.bodyWork) await bodyWork.close();
    })()),
  };
}
