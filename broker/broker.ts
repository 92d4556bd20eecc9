import { silentLogger, type Logger } from '../shared/logger.js';
import { createBrokerApp } from './app.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';

export interface BrokerOptions {
  /** `sqlite:///abs/path.sqlite` or `sqlite::memory:`. */
  databaseUrl: string;
  /** Base URLs for links; the one matching the request's host (and forwarded prefix) is used, else the first. */
  baseUrls?: string[];
  logger?: Logger;
}

export interface Broker {
  fetch(request: Request): Response | Promise<Response>;
  /** Closes the database; the broker answers nothing afterwards. */
  close(): Promise<void>;
}

/** Opens the database, runs migrations, and returns the broker app. */
export async function openBroker(options: BrokerOptions): Promise<Broker> {
  const logger = options.logger ?? silentLogger;
  const db = openDatabase(options.databaseUrl);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const app = createBrokerApp({ db, baseUrls: options.baseUrls ?? [], logger, clock: () => new Date() });
  return {
    fetch: (request) => app.fetch(request),
    close: () => db.destroy(),
  };
}
