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

export function isBackupTable(name: string): name is BackupTable {
  return (BACKUP_TABLES as readonly string[]).includes(name);
}
