import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyCalls, seededHistory } from '../test-support/history-fixture.js';
import { startHistoryBroker, type HistoryBroker } from '../test-support/history-broker.js';
import { statementsOf, type SentStatement } from '../test-support/query-counter.js';
import { postgresServerUrl } from '../test-support/test-database.js';
import { GENERIC_PLANS } from '../db/index.js';
import { addFillerHistory, planNodes } from './history-filler.js';

// Issue 13 (team), target 1: the latest pact, matrix, can-i-deploy and pacts-for-verification
// statements reach the big tables through indexes. The plans are PostgreSQL's for tables of a long-lived broker's
// size (the seeded history plus FILLER_ROWS versions, pacts and verifications of another
// integration, then ANALYZE): a sequential scan there reads every row of the history.
const VERSIONS = 10;
const FILLER_ROWS = 20_000;
const BIG_TABLES = new Set([
  'versions', 'pact_versions', 'pact_publications', 'latest_pact_publication_ids_for_consumer_versions', 'tags', 'branch_versions',
  'verifications', 'latest_verification_id_for_pact_version_and_provider_version',
]);
const CALLS = ['latest pact', 'matrix (latestby=cvp&latest=true)', 'can-i-deploy to an environment', 'pacts for verification'];

describe.skipIf(postgresServerUrl === undefined)('query plans on PostgreSQL', () => {
  let history: HistoryBroker;
  let client: pg.Client;
  beforeAll(async () => {
    history = await startHistoryBroker('postgres', VERSIONS);
    await addFillerHistory(history.databaseUrl, FILLER_ROWS, true);
    // The broker's connections keep generic plans (broker/db/prepared-statements.ts): these are the plans it runs.
    client = new pg.Client({ connectionString: history.databaseUrl, options: GENERIC_PLANS });
    await client.connect();
  }, 600_000);
  afterAll(async () => {
    await client?.end();
    await history?.close();
  });

  /** The statements the named call of the history sends, as the driver got them. */
  async function statementsOfCall(name: string): Promise<SentStatement[]> {
    const call = historyCalls(seededHistory(VERSIONS)).find((candidate) => candidate.name === name)!;
    return statementsOf(() => history.send(call.next()));
  }

  /** Every node of the plan PostgreSQL makes for the statement, depth first. */
  async function planOf({ sql, parameters }: SentStatement): Promise<Array<Record<string, unknown>>> {
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: Record<string, unknown> }> }>(`explain (format json) ${sql}`, [...parameters]);
    return planNodes(rows[0]!['QUERY PLAN'][0]!.Plan);
  }

  it.each(CALLS)('%s: no sequential scan of a big table', async (name) => {
    const statements = await statementsOfCall(name);
    const scans: string[] = [];
    for (const statement of statements.filter(({ sql }) => /^\s*select/i.test(sql))) {
      for (const node of await planOf(statement)) {
        if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.has(String(node['Relation Name']))) scans.push(`${String(node['Relation Name'])} in: ${statement.sql}`);
      }
    }
    expect(statements.length).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });

  // At 5,000 versions per consumer every selector and WIP statement read all 15,000 current pacts of the provider
  // (an index on the provider alone) and grouped every tag to find the tags' heads (team issue 13): each pact is
  // now reached by its key from the heads, each tag head by the tag's name in ix_tags_pacticipant_name_order, and the
  // main branch's head by the branch's name among feature branches that are never deleted (the filler's).
  it('pacts for verification: pacts reached by consumer version, tags by name', async () => {
    const statements = await statementsOfCall('pacts for verification');
    const unkeyed: string[] = [];
    for (const statement of statements) {
      for (const node of await planOf(statement)) {
        const [relation, condition] = [String(node['Relation Name']), String(node['Index Cond'] ?? '')];
        if (relation === 'latest_pact_publication_ids_for_consumer_versions' && !condition.includes('consumer_version_id')) unkeyed.push(`${relation} (${condition}) in: ${statement.sql}`);
        if (relation === 'tags' && !condition.includes('name')) unkeyed.push(`${relation} (${condition}) in: ${statement.sql}`);
        // The main branch's heads among the feature branches' (team issue 13: each of them was read at every request).
        if (relation === 'branch_heads' && node['Node Type'] === 'Seq Scan') unkeyed.push(`${relation} (sequential scan) in: ${statement.sql}`);
      }
    }
    expect(statements.length).toBeGreaterThan(0);
    expect(unkeyed).toEqual([]);
  });

  // A generic plan is one plan for every provider branch. Asked in two `not exists`, the branch's successes and the other
  // branches' before its first version, the generic plan read every success of the look-back window once per head for a
  // branch without versions: 477 ms at 5,000 versions per consumer (team issue 13).
  it('pacts for verification: the WIP branch heads read no success once per head unless by its pact', async () => {
    const statements = await statementsOfCall('pacts for verification');
    const wipHeads = statements.filter((statement) => statement.sql.includes('from "branch_head_pacts" as "h"'));
    const rescans: string[] = [];
    for (const statement of wipHeads) {
      for (const loop of (await planOf(statement)).filter((node) => node['Node Type'] === 'Nested Loop')) {
        const inner = planNodes((loop.Plans as Array<Record<string, unknown>>)[1]!);
        for (const node of inner.filter((candidate) => candidate['Relation Name'] === 'pact_version_provider_branch_successful_verifications')) {
          if (!String(node['Index Cond'] ?? '').includes('pact_version_id')) rescans.push(`${String(node['Node Type'])} (${String(node['Index Cond'] ?? node.Filter ?? '')}) in: ${statement.sql}`);
        }
      }
    }
    expect(wipHeads).toHaveLength(1);
    expect(rescans).toEqual([]);
  });

  // Found at 500 versions per consumer, where the consumer's publications are most of the table:
  // selected by joined names, the latest pact read all of them and sorted (team issue 13).
  it('latest pact: walks the integration\'s publications backwards from the latest', async () => {
    const [statement] = await statementsOfCall('latest pact');
    const walks = (await planOf(statement!)).filter((node) => node['Index Name'] === 'ix_pact_publications_integration_order');
    expect(walks.map((node) => node['Scan Direction'])).toEqual(['Backward']);
  });
});
