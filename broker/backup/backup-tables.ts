import type { Database } from '../db/index.js';

/**
 * Every table of the broker's schema, parents before children: rows load in this order without
 * breaking a foreign key. A test compares it with the tables the migrations create.
 */
export const BACKUP_TABLES = [
  'pacticipants',
  'labels',
  'versions',
  'pact_versions',
  'pact_publications',
  'latest_pact_publication_ids_for_consumer_versions',
  'tags',
  'branches',
  'branch_versions',
  'branch_heads',
  'integrations',
  'environments',
  'deployed_versions',
  'currently_deployed_version_ids',
  'released_versions',
  'verification_sequence_number',
  'verifications',
  'latest_verification_id_for_pact_version_and_provider_version',
  'pact_version_provider_tag_successful_verifications',
  'branch_head_pacts',
  'pact_version_provider_branch_successful_verifications',
  'webhooks',
  'webhook_events',
  'triggered_webhooks',
  'webhook_executions',
  'secrets',
  'provider_contracts',
  'cross_contract_comparisons',
] as const satisfies readonly (keyof Database)[];

export type BackupTable = (typeof BACKUP_TABLES)[number];

/** The migration that created each table not created by the first one. A test compares it with every migration's tables. */
const CREATED_BY: Readonly<Partial<Record<BackupTable, string>>> = {
  environments: '002-environments',
  deployed_versions: '002-environments',
  currently_deployed_version_ids: '002-environments',
  released_versions: '002-environments',
  verification_sequence_number: '003-verifications',
  verifications: '003-verifications',
  latest_verification_id_for_pact_version_and_provider_version: '003-verifications',
  pact_version_provider_tag_successful_verifications: '003-verifications',
  webhooks: '004-webhooks',
  webhook_events: '004-webhooks',
  triggered_webhooks: '004-webhooks',
  webhook_executions: '004-webhooks',
  secrets: '006-secrets',
  labels: '007-labels',
  provider_contracts: '009-provider-contracts',
  cross_contract_comparisons: '009-provider-contracts',
  branch_head_pacts: '012-wip-tables',
  pact_version_provider_branch_successful_verifications: '012-wip-tables',
};

/**
 * The tables of a database whose last migration is `schemaVersion`, in BACKUP_TABLES' order. A
 * tenant whose broker image is older than the platform (not yet restarted on the new one) has no
 * table of a later migration: its backup holds that version's tables, and a restore migrates them
 * up. Names start with a zero-padded number, so they compare in order, also a later broker's
 * version this code does not know (whose schema has every table listed here).
 */
export function backupTablesAt(schemaVersion: string): BackupTable[] {
  return BACKUP_TABLES.filter((table) => (CREATED_BY[table] ?? '') <= schemaVersion);
}

export function isBackupTable(name: string): name is BackupTable {
  return (BACKUP_TABLES as readonly string[]).includes(name);
}
