/** The database's face (team issue 16, item 2): opening it, migrations, locks, statements and the schema's row types. */
export { afterCommit } from './after-commit.js';
export { compiledStatement } from './compiled-statements.js';
export { checkOutPostgresClient, isPostgres, openDatabase, redactPassword, withPostgresClient } from './database.js';
export type { Db } from './database.js';
export { MIGRATION_NAMES, migrateToLatest, migrateUpTo } from './migrations.js';
export { lockPacticipant } from './pacticipant-lock.js';
export { GENERIC_PLANS } from './prepared-statements.js';
export { keepSqliteStatistics } from './sqlite-statistics.js';
export type { BranchRow, BranchVersionRow, CrossContractComparisonTable, Database, DeployedVersionRow, EnvironmentRow, EnvironmentTable, LabelTable, PactPublicationTable, PacticipantRow, PacticipantTable, ProviderContractTable, ReleasedVersionRow, SecretRow, SecretTable, TagRow, TriggeredWebhookRow, VerificationRow, VersionRow, WebhookRow, WebhookTable } from './schema.js';
export { waitForDatabase } from './wait-for-database.js';
