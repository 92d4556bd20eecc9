import { serve } from '@hono/node-server';
import { readBrokerConfig } from '../shared/broker-config.js';
import { createLogger } from '../shared/logger.js';
import { openBroker } from './broker.js';
import { startScheduledClean } from './clean/index.js';
import { redactPassword } from './db/index.js';

/** Longest wait for open requests on shutdown before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = readBrokerConfig();
const logger = createLogger({ level: config.logLevel });
/** Every local address: in a container its own network's, alone on a host every interface's. */
const LISTEN_HOST = '0.0.0.0';
/** The port actually bound (PACT_BROKER_PORT=0 picks one); webhooks never reach it (issue 11). */
let listeningPort = config.port;
const broker = await openBroker({
  databaseUrl: config.databaseUrl,
  maxConnections: config.databaseMaxConnections,
  connectMaxRetries: config.databaseConnectMaxRetries,
  baseUrls: config.baseUrls,
  webhookHostWhitelist: config.webhookHostWhitelist,
  webhookSchemeWhitelist: config.webhookSchemeWhitelist,
  listeningEndpoints: () => [{ host: LISTEN_HOST, port: listeningPort }],
  basicAuth: config.basicAuth,
  maxBodyBytes: config.maxBodyBytes,
  secretsKey: config.secretsKey,
  createDeployedVersionsForTags: config.createDeployedVersionsForTags,
  allowDangerousContractModification: config.allowDangerousContractModification,
  logger,
}).catch((error: unknown) => {
  logger.error('The broker cannot start', { databaseUrl: redactPassword(config.databaseUrl), error });
  process.exit(1);
});
if (config.basicAuth) {
  const { username, password, allowPublicRead, publicHeartbeat, publicBadges } = config.basicAuth;
  logger.info('Basic auth is on', { allowPublicRead, publicHeartbeat, publicBadges });
  if (!username.trim() || !password.trim()) logger.warn('Basic auth is on without a read/write user: nothing can be written');
}
const stopClean = config.databaseClean ? startScheduledClean(config.databaseUrl, config.databaseClean, logger) : undefined;
const server = serve({ fetch: broker.fetch, hostname: LISTEN_HOST, port: config.port }, (info) => {
  listeningPort = info.port;
  logger.info('Pact Broker listening', { address: info.address, port: info.port });
});

let stopping = false;
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  logger.info('Shutting down', { signal });
  setTimeout(() => {
    logger.warn('Requests still open after the grace period; exiting', { graceMs: SHUTDOWN_GRACE_MS });
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  server.close(() => {
    Promise.all([stopClean?.(), broker.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('Closing the database failed', { error });
        process.exit(1);
      },
    );
  });
  // Keep-alive connections with no request in flight would otherwise hold close() open.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
// As PID 1 in a container, nothing handles these signals unless we do.
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
