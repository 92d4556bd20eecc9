import type { Generated, Insertable, Selectable } from 'kysely';

/** Row types of the broker's tables (seed doc 001, broker-api.md §10). Timestamps are ISO-8601 UTC text. */
export interface Database {
  pacticipants: PacticipantTable;
  versions: VersionTable;
  pact_versions: PactVersionTable;
  pact_publications: PactPublicationTable;
  latest_pact_publication_ids_for_consumer_versions: LatestPactPublicationIdTable;
  tags: TagTable;
  branches: BranchTable;
  branch_versions: BranchVersionTable;
  branch_heads: BranchHeadTable;
  integrations: IntegrationTable;
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

export type PacticipantRow = Selectable<PacticipantTable>;
export type VersionRow = Selectable<VersionTable>;
export type NewVersionRow = Insertable<VersionTable>;
export type PactVersionRow = Selectable<PactVersionTable>;
export type TagRow = Selectable<TagTable>;
export type BranchVersionRow = Selectable<BranchVersionTable>;
