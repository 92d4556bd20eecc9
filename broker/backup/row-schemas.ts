import type { Selectable } from 'kysely';
import type { Database } from '../db/index.js';
import { isObject } from '../http/index.js';
import type { BackupTable } from './backup-tables.js';

/** Numbers: any whole number, or a 0/1 flag. */
type NumberKind = 'integer' | 'flag';
/** Text: free text, a `Date#toISOString` time, or JSON text the broker parses when it reads the row. */
type TextKind = 'text' | 'timestamp' | 'json' | 'json-object' | 'json-array';
type KindOf<Value> = NonNullable<Value> extends number ? NumberKind : TextKind;
/** A column's kind, with `?` when it may be null: the compiler holds each spec to the row type in schema.ts. */
type ColumnSpec<Value> = null extends Value ? `${KindOf<Value>}?` : KindOf<Value>;
type TableSpec<Row> = { readonly [Column in keyof Row]-?: ColumnSpec<Row[Column]> };

/**
 * What every column of every table holds, so that a restore refuses a row the broker could not
 * read back (issue 11: pact content that is not JSON restored, and the tenant answered 500).
 */
export const ROW_SCHEMAS: { readonly [Table in BackupTable]: TableSpec<Selectable<Database[Table]>> } = {
  pacticipants: {
    id: 'integer', name: 'text', display_name: 'text?', repository_url: 'text?', repository_name: 'text?',
    repository_namespace: 'text?', main_branch: 'text?', created_at: 'timestamp', updated_at: 'timestamp',
  },
  labels: { name: 'text', pacticipant_id: 'integer', created_at: 'timestamp', updated_at: 'timestamp' },
  versions: { id: 'integer', number: 'text', pacticipant_id: 'integer', order: 'integer', build_url: 'text?', created_at: 'timestamp', updated_at: 'timestamp' },
  pact_versions: {
    id: 'integer', consumer_id: 'integer', provider_id: 'integer', sha: 'text', content: 'json-object',
    interactions_count: 'integer', messages_count: 'integer', created_at: 'timestamp',
  },
  pact_publications: {
    id: 'integer', consumer_version_id: 'integer', provider_id: 'integer', consumer_id: 'integer', revision_number: 'integer',
    pact_version_id: 'integer', consumer_version_order: 'integer', created_at: 'timestamp',
  },
  latest_pact_publication_ids_for_consumer_versions: {
    provider_id: 'integer', consumer_version_id: 'integer', consumer_id: 'integer', pact_publication_id: 'integer',
    pact_version_id: 'integer', created_at: 'timestamp',
  },
  tags: { version_id: 'integer', name: 'text', pacticipant_id: 'integer', version_order: 'integer', created_at: 'timestamp', updated_at: 'timestamp' },
  branches: { id: 'integer', pacticipant_id: 'integer', name: 'text', created_at: 'timestamp', updated_at: 'timestamp' },
  branch_versions: {
    id: 'integer', branch_id: 'integer', version_id: 'integer', version_order: 'integer', pacticipant_id: 'integer',
    branch_name: 'text', auto_created: 'flag', created_at: 'timestamp', updated_at: 'timestamp',
  },
  branch_heads: { id: 'integer', branch_id: 'integer', branch_version_id: 'integer', version_id: 'integer', pacticipant_id: 'integer', branch_name: 'text' },
  integrations: { id: 'integer', consumer_id: 'integer', provider_id: 'integer', created_at: 'timestamp', contract_data_updated_at: 'timestamp?' },
  environments: {
    id: 'integer', uuid: 'text', name: 'text', display_name: 'text?', production: 'flag', contacts: 'json-array?',
    created_at: 'timestamp', updated_at: 'timestamp',
  },
  deployed_versions: {
    id: 'integer', uuid: 'text', version_id: 'integer', pacticipant_id: 'integer', environment_id: 'integer', target: 'text?',
    target_for_index: 'text', undeployed_at: 'timestamp?', auto_created: 'flag', created_at: 'timestamp', updated_at: 'timestamp',
  },
  currently_deployed_version_ids: {
    id: 'integer', pacticipant_id: 'integer', environment_id: 'integer', target_for_index: 'text', version_id: 'integer', deployed_version_id: 'integer',
  },
  released_versions: {
    id: 'integer', uuid: 'text', version_id: 'integer', pacticipant_id: 'integer', environment_id: 'integer',
    support_ended_at: 'timestamp?', created_at: 'timestamp', updated_at: 'timestamp',
  },
  verification_sequence_number: { value: 'integer' },
  verifications: {
    id: 'integer', number: 'integer', success: 'flag', provider_version_id: 'integer', provider_id: 'integer', consumer_id: 'integer',
    pact_version_id: 'integer', build_url: 'text?', test_results: 'json?', execution_date: 'timestamp', created_at: 'timestamp',
    wip: 'flag', pact_pending: 'flag?', consumer_version_selector_hashes: 'json-array?', tag_names: 'json-array?',
    verified_by_implementation: 'text?', verified_by_version: 'text?', verified_by_client_implementation: 'text?',
    verified_by_client_version: 'text?', verified_by_client_test_framework: 'text?',
  },
  latest_verification_id_for_pact_version_and_provider_version: {
    pact_version_id: 'integer', provider_version_id: 'integer', verification_id: 'integer', consumer_id: 'integer', provider_id: 'integer', created_at: 'timestamp',
  },
  pact_version_provider_tag_successful_verifications: {
    id: 'integer', pact_version_id: 'integer', provider_version_tag_name: 'text', wip: 'flag', verification_id: 'integer', execution_date: 'timestamp',
  },
  branch_head_pacts: { branch_head_id: 'integer', provider_id: 'integer', consumer_version_id: 'integer', pact_version_id: 'integer', branch_name: 'text', published_at: 'timestamp' },
  pact_version_provider_branch_successful_verifications: {
    verification_id: 'integer', branch_version_id: 'integer', provider_id: 'integer', branch_name: 'text', pact_version_id: 'integer', execution_date: 'timestamp',
  },
  webhooks: {
    id: 'integer', uuid: 'text', description: 'text?', method: 'text', url: 'text', headers: 'json-object?',
    // JSON text when is_json_request_body is 1: checked with the whole row, below.
    body: 'text?', is_json_request_body: 'flag', username: 'text?', password: 'text?', enabled: 'flag',
    consumer_id: 'integer?', provider_id: 'integer?', consumer_label: 'text?', provider_label: 'text?', created_at: 'timestamp', updated_at: 'timestamp',
  },
  webhook_events: { id: 'integer', webhook_id: 'integer', name: 'text', created_at: 'timestamp' },
  triggered_webhooks: {
    id: 'integer', uuid: 'text', trigger_uuid: 'text', trigger_type: 'text', pact_publication_id: 'integer?', verification_id: 'integer?',
    webhook_id: 'integer?', webhook_uuid: 'text', consumer_id: 'integer', provider_id: 'integer', status: 'text', event_name: 'text',
    event_context: 'json-object?', attempts: 'integer', next_attempt_at: 'timestamp?', created_at: 'timestamp', updated_at: 'timestamp',
  },
  webhook_executions: { id: 'integer', triggered_webhook_id: 'integer', success: 'flag', logs: 'text?', created_at: 'timestamp' },
  secrets: { id: 'integer', uuid: 'text', name: 'text', description: 'text?', encrypted_value: 'text', created_at: 'timestamp', updated_at: 'timestamp' },
  provider_contracts: {
    id: 'integer', provider_id: 'integer', provider_version_id: 'integer', sha: 'text', content: 'text', content_type: 'text', specification: 'text',
    self_verification_success: 'flag', self_verification_content: 'text?', self_verification_content_type: 'text?', self_verification_format: 'text?',
    verifier: 'text?', verifier_version: 'text?', created_at: 'timestamp', updated_at: 'timestamp',
  },
  cross_contract_comparisons: { id: 'integer', pact_version_id: 'integer', contract_sha: 'text', success: 'flag', mismatches: 'json-array', created_at: 'timestamp' },
};

/** Why `row` cannot be a row of `table` (naming the column), or `undefined` when it fits. The columns were checked before. */
export function rowProblem(table: BackupTable, row: Readonly<Record<string, unknown>>): string | undefined {
  const specs: Readonly<Record<string, string>> = ROW_SCHEMAS[table];
  for (const [column, value] of Object.entries(row)) {
    const spec = specs[column];
    if (spec === undefined) return `"${column}" is not a column of the table`;
    const problem = valueProblem(spec, value);
    if (problem) return `"${column}" ${problem}`;
  }
  if (table === 'webhooks' && row.is_json_request_body === 1 && typeof row.body === 'string' && parseJson(row.body) === undefined) {
    return '"body" is not JSON text, though "is_json_request_body" is 1';
  }
  return undefined;
}

const EXPECTED: Record<NumberKind | TextKind, string> = {
  integer: 'a whole number',
  flag: '0 or 1',
  text: 'text',
  timestamp: 'a time as ISO 8601 UTC text, such as "2026-11-23T13:30:00.000Z"',
  json: 'JSON text',
  'json-object': 'a JSON object as text',
  'json-array': 'a JSON array as text',
};

function valueProblem(spec: string, value: unknown): string | undefined {
  const nullable = spec.endsWith('?');
  const kind = (nullable ? spec.slice(0, -1) : spec) as NumberKind | TextKind;
  if (value === null) return nullable ? undefined : `is null; it must be ${EXPECTED[kind]}`;
  return fits(kind, value) ? undefined : `holds ${describeValue(value)}; it must be ${EXPECTED[kind]}`;
}

function fits(kind: NumberKind | TextKind, value: unknown): boolean {
  if (kind === 'integer') return Number.isSafeInteger(value);
  if (kind === 'flag') return value === 0 || value === 1;
  if (typeof value !== 'string') return false;
  if (kind === 'text') return true;
  // The broker writes `Date#toISOString` and renders times by parsing them: anything else answers 500.
  if (kind === 'timestamp') return ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
  const parsed = parseJson(value);
  if (kind === 'json-object') return isObject(parsed);
  if (kind === 'json-array') return Array.isArray(parsed);
  return parsed !== undefined;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, safe description of a refused value for the sentence. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  return Array.isArray(value) ? 'an array' : `a ${typeof value === 'object' ? 'JSON object' : typeof value}`;
}
