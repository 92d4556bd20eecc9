import { silentLogger, type Logger } from '../shared/logger.js';
import { createBrokerApp } from './app.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { waitForDatabase } from './db/wait-for-database.js';
import { DEFAULT_WEBHOOK_SETTINGS } from './webhooks/webhook-settings.js';

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
  logger?: Logger;
}

export interface Broker {
  fetch(request: Request): Response | Promise<Response>;
  /** Closes the database; the broker answers nothing afterwards. */
  close(): Promise<void>;
}

const CONNECT_RETRY_INTERVAL_MS = 3000;

/** Opens the database (waiting for it when asked to), runs migrations, and returns the broker app. */
export async function openBroker(options: BrokerOptions): Promise<Broker> {
  const logger = options.logger ?? silentLogger;
  const db = openDatabase(options.databaseUrl, { maxConnections: options.maxConnections, logger });
  try {
    await waitForDatabase(db, {
      maxRetries: options.connectMaxRetries ?? 0,
      intervalMs: options.connectRetryIntervalMs ?? CONNECT_RETRY_INTERVAL_MS,
      logger,
    });
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const webhooks = {
    ...DEFAULT_WEBHOOK_SETTINGS,
    hostWhitelist: options.webhookHostWhitelist ?? DEFAULT_WEBHOOK_SETTINGS.hostWhitelist,
    schemeWhitelist: options.webhookSchemeWhitelist ?? DEFAULT_WEBHOOK_SETTINGS.schemeWhitelist,
  };
  const app = createBrokerApp({ db, baseUrls: options.baseUrls ?? [], logger, clock: () => new Date(), webhooks });
  return {
    fetch: (request) => app.fetch(request),
    close: () => db.destroy(),
  };
}
