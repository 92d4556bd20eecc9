/**
 * The broker's one door for the control plane, bench and main (team issue 16): whatever lives
 * outside broker/ imports the broker from here (test code may also use broker/test-support/).
 * `npm test` checks it (test/boundaries.test.ts).
 */
export { openBroker, type Broker, type BrokerOptions } from './broker.js';
export { createBodyWorkerPool, type BodyWork } from './body-work/index.js';
export { createSharedBrokerApp, type SharedBrokerApp } from './shared-broker-app.js';
export type { ListeningEndpoint } from './webhooks/index.js';
export { requiredAccess } from './auth/index.js';
export type { BasicCredential } from './auth/index.js';
export { PACT_BROKER_COMPATIBLE_VERSION } from './http/index.js';
export {
  BACKUP_TABLES,
  BackupDataError,
  BackupRowError,
  dumpBrokerDatabase,
  liveSchemaVersion,
  openStagingLoad,
  SCHEMA_VERSIONS,
  type BackupTable,
  type StagingLoad,
  type StagingTarget,
} from './backup/index.js';
export { cleanBrokerDatabase, type CleanOptions, type CleanResult, type DryRunResult } from './clean/index.js';
