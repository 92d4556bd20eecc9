import type { Generated, Selectable } from 'kysely';

/** Row types of the broker's tables (the Ruby broker's data model, docs/broker-api.md#database-tables). Timestamps are ISO-8601 UTC text. */
export interface Database {
  pacticipants: PacticipantTable;
  labels: LabelTable;
  versions: VersionTable;
  pact_versions: PactVersionTable;
  pact_publications: PactPublicationTable;
  latest_pact_publication_ids_for_consumer_versions: LatestPactPublicationIdTable;
  tags: TagTable;
  branches: BranchTable;
  branch_versions: BranchVersionTable;
  branch_heads: BranchHeadTable;
  integrations: IntegrationTable;
  environments: EnvironmentTable;
  deployed_versions: DeployedVersionTable;
  currently_deployed_version_ids: CurrentlyDeployedVersionIdTable;
  released_versions: ReleasedVersionTable;
  verification_sequence_number: VerificationSequenceNumberTable;
  verifications: VerificationTable;
  latest_verification_id_for_pact_version_and_provider_version: LatestVerificationIdTable;
  pact_version_provider_tag_successful_verifications: PactVersionProviderTagSuccessfulVerificationTable;
  branch_head_pacts: BranchHeadPactTable;
  pact_version_provider_branch_successful_verifications: PactVersionProviderBranchSuccessfulVerificationTable;
  webhooks: WebhookTable;
  webhook_events: WebhookEventTable;
  triggered_webhooks: TriggeredWebhookTable;
  webhook_executions: WebhookExecutionTable;
  secrets: SecretTable;
  provider_contracts: ProviderContractTable;
  cross_contract_comparisons: CrossContractComparisonTable;
}

export interface PacticipantTable {
  id: Generated<number>;
  name: string;
  display_name: string | null;
  repository_url: string | null;
  repository_name: string | null;
  repository_namespace: string | null;
  main_branch: string | null;
  created_at: string;
  updated_at: string;
}

/** A pacticipant's label (issue 14): one row per (pacticipant, name), as the Ruby broker's. */
export interface LabelTable {
  name: string;
  pacticipant_id: number;
  created_at: string;
  updated_at: string;
}

export interface VersionTable {
  id: Generated<number>;
  number: string;
  pacticipant_id: number;
  /** Assigned on creation (max + 1 per pacticipant); "latest" always means the highest order. */
  order: number;
  build_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface PactVersionTable {
  id: Generated<number>;
  consumer_id: number;
  provider_id: number;
  sha: string;
  content: string;
  interactions_count: number;
  messages_count: number;
  created_at: string;
}

export interface PactPublicationTable {
  id: Generated<number>;
  consumer_version_id: number;
  provider_id: number;
  consumer_id: number;
  revision_number: number;
  pact_version_id: number;
  consumer_version_order: number;
  created_at: string;
}

export interface LatestPactPublicationIdTable {
  provider_id: number;
  consumer_version_id: number;
  consumer_id: number;
  pact_publication_id: number;
  pact_version_id: number;
  created_at: string;
}

export interface TagTable {
  version_id: number;
  name: string;
  pacticipant_id: number;
  version_order: number;
  created_at: string;
  updated_at: string;
}

export interface BranchTable {
  id: Generated<number>;
  pacticipant_id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface BranchVersionTable {
  id: Generated<number>;
  branch_id: number;
  version_id: number;
  version_order: number;
  pacticipant_id: number;
  branch_name: string;
  /** 0 or 1: an integer rather than a boolean so SQLite and PostgreSQL bind it alike. */
  auto_created: number;
  created_at: string;
  updated_at: string;
}

export interface BranchHeadTable {
  id: Generated<number>;
  branch_id: number;
  branch_version_id: number;
  version_id: number;
  pacticipant_id: number;
  branch_name: string;
}

export interface IntegrationTable {
  id: Generated<number>;
  consumer_id: number;
  provider_id: number;
  created_at: string;
  contract_data_updated_at: string | null;
}

/** One row: the last verification number handed out (docs/broker-api.md#verification-rules). */
export interface VerificationSequenceNumberTable {
  value: number;
}

export interface VerificationTable {
  id: Generated<number>;
  number: number;
  /** 0 or 1, as auto_created. */
  success: number;
  provider_version_id: number;
  provider_id: number;
  consumer_id: number;
  pact_version_id: number;
  build_url: string | null;
  /** The verifier's testResults as JSON text. */
  test_results: string | null;
  execution_date: string;
  created_at: string;
  wip: number;
  pact_pending: number | null;
  consumer_version_selector_hashes: string | null;
  /** JSON array of the provider version's tags when the result was published. */
  tag_names: string | null;
  verified_by_implementation: string | null;
  verified_by_version: string | null;
  verified_by_client_implementation: string | null;
  verified_by_client_version: string | null;
  verified_by_client_test_framework: string | null;
}

export interface LatestVerificationIdTable {
  pact_version_id: number;
  provider_version_id: number;
  verification_id: number;
  consumer_id: number;
  provider_id: number;
  created_at: string;
}

export interface PactVersionProviderTagSuccessfulVerificationTable {
  id: Generated<number>;
  pact_version_id: number;
  provider_version_tag_name: string;
  wip: number;
  verification_id: number;
  execution_date: string;
}

/** The current pact of a branch head, per provider (team issue 13: kept with the head and the pact for the WIP pacts). */
export interface BranchHeadPactTable {
  branch_head_id: number;
  provider_id: number;
  consumer_version_id: number;
  pact_version_id: number;
  branch_name: string;
  /** When the pact (its current revision) was published (migration 013): what `includeWipPactsSince` is compared with. */
  published_at: string;
}

/** A successful verification outside WIP, once per branch of its provider version (team issue 13). */
export interface PactVersionProviderBranchSuccessfulVerificationTable {
  verification_id: number;
  branch_version_id: number;
  provider_id: number;
  branch_name: string;
  pact_version_id: number;
  execution_date: string;
}

export interface EnvironmentTable {
  id: Generated<number>;
  uuid: string;
  name: string;
  display_name: string | null;
  /** 0 or 1, as auto_created. */
  production: number;
  /** JSON array of `{name, details?}`, or null when none were given. */
  contacts: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeployedVersionTable {
  id: Generated<number>;
  uuid: string;
  version_id: number;
  pacticipant_id: number;
  environment_id: number;
  /** The application instance (`target` is its old name); null for none. */
  target: string | null;
  /** `target`, or '' for null, so that the unique index of currently_deployed_version_ids treats "no instance" as one value. */
  target_for_index: string;
  undeployed_at: string | null;
  /** 0 or 1. */
  auto_created: number;
  created_at: string;
  updated_at: string;
}

/** At most one row per pacticipant, environment and application instance: what is deployed there now. */
export interface CurrentlyDeployedVersionIdTable {
  id: Generated<number>;
  pacticipant_id: number;
  environment_id: number;
  target_for_index: string;
  version_id: number;
  deployed_version_id: number;
}

export interface ReleasedVersionTable {
  id: Generated<number>;
  uuid: string;
  version_id: number;
  pacticipant_id: number;
  environment_id: number;
  /** Null while the release is supported. */
  support_ended_at: string | null;
  created_at: string;
  updated_at: string;
}

export type PacticipantRow = Selectable<PacticipantTable>;
export type VersionRow = Selectable<VersionTable>;
export type PactVersionRow = Selectable<PactVersionTable>;
export type TagRow = Selectable<TagTable>;
export type BranchRow = Selectable<BranchTable>;
export type BranchVersionRow = Selectable<BranchVersionTable>;
export type VerificationRow = Selectable<VerificationTable>;
export type EnvironmentRow = Selectable<EnvironmentTable>;
export type DeployedVersionRow = Selectable<DeployedVersionTable>;
export type ReleasedVersionRow = Selectable<ReleasedVersionTable>;

export interface WebhookTable {
  id: Generated<number>;
  uuid: string;
  description: string | null;
  method: string;
  url: string;
  /** JSON object of header name (lower case) → value, or null for none. */
  headers: string | null;
  /** The body as sent: JSON text when is_json_request_body is 1. */
  body: string | null;
  /** 0 or 1. */
  is_json_request_body: number;
  username: string | null;
  /** Base64 of the password, as the Ruby broker stores it: not plain text in dumps, though not a secret either. */
  password: string | null;
  /** 0 or 1. */
  enabled: number;
  consumer_id: number | null;
  provider_id: number | null;
  consumer_label: string | null;
  provider_label: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookEventTable {
  id: Generated<number>;
  webhook_id: number;
  name: string;
  created_at: string;
}

export interface TriggeredWebhookTable {
  id: Generated<number>;
  uuid: string;
  trigger_uuid: string;
  trigger_type: string;
  pact_publication_id: number | null;
  verification_id: number | null;
  /** Null once the webhook is deleted: its triggered webhooks and logs stay. */
  webhook_id: number | null;
  webhook_uuid: string;
  consumer_id: number;
  provider_id: number;
  /** not_run, retrying, success or failure. */
  status: string;
  event_name: string;
  event_context: string | null;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookExecutionTable {
  id: Generated<number>;
  triggered_webhook_id: number;
  /** 0 or 1. */
  success: number;
  logs: string | null;
  created_at: string;
}

export type WebhookRow = Selectable<WebhookTable>;
export type TriggeredWebhookRow = Selectable<TriggeredWebhookTable>;

/** A webhook secret (team issue 14): the value only as AES-256-GCM ciphertext, see broker/secrets/secret-cipher.ts. */
export interface SecretTable {
  id: Generated<number>;
  uuid: string;
  name: string;
  description: string | null;
  encrypted_value: string;
  created_at: string;
  updated_at: string;
}

export type SecretRow = Selectable<SecretTable>;

/** A provider version's OpenAPI document and its self-verification (issue 15, bi-directional contract testing). */
export interface ProviderContractTable {
  id: Generated<number>;
  provider_id: number;
  provider_version_id: number;
  /** SHA-1 of the content: comparisons are stored once per pact content and contract content. */
  sha: string;
  content: string;
  content_type: string;
  specification: string;
  /** 0 or 1. */
  self_verification_success: number;
  self_verification_content: string | null;
  self_verification_content_type: string | null;
  self_verification_format: string | null;
  verifier: string | null;
  verifier_version: string | null;
  created_at: string;
  updated_at: string;
}

/** The comparator's answer for one pact content against one contract content (issue 15). */
export interface CrossContractComparisonTable {
  id: Generated<number>;
  pact_version_id: number;
  contract_sha: string;
  /** 0 or 1. */
  success: number;
  /** JSON array of the comparator's results. */
  mismatches: string;
  created_at: string;
}
