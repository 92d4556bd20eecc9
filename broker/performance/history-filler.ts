/**
 * PostgreSQL only: adds `rows` versions, pacts, tags, branch versions and verifications of another
 * integration (FillerConsumer → FillerProvider) in a few set-based statements, so that the planner
 * sees tables of a long-lived broker's size around a small seeded history (issue 13: query plans).
 */
import pg from 'pg';

/** Each FillerConsumer version the head of a feature branch of its own (the branch heads of a broker whose feature branches are never deleted). */
const FEATURE_BRANCHES = [
  `insert into branches (pacticipant_id, name, created_at, updated_at)
     select v.pacticipant_id, 'feature-' || v.number, now()::text, now()::text from versions v join pacticipants p on p.id = v.pacticipant_id where p.name = 'FillerConsumer'`,
  `insert into branch_versions (branch_id, version_id, version_order, pacticipant_id, branch_name, auto_created, created_at, updated_at)
     select b.id, v.id, v."order", v.pacticipant_id, b.name, 0, now()::text, now()::text from branches b join versions v on v.pacticipant_id = b.pacticipant_id and b.name = 'feature-' || v.number`,
  `insert into branch_heads (branch_id, branch_version_id, version_id, pacticipant_id, branch_name)
     select bv.branch_id, bv.id, bv.version_id, bv.pacticipant_id, bv.branch_name from branch_versions bv join pacticipants p on p.id = bv.pacticipant_id where p.name = 'FillerConsumer' and bv.branch_name like 'feature-%'`,
  // What the writes keep for the WIP pacts (migration 012): each head's pact, and each success per provider branch.
  `insert into branch_head_pacts (branch_head_id, provider_id, consumer_version_id, pact_version_id, branch_name, published_at)
     select bh.id, lp.provider_id, lp.consumer_version_id, lp.pact_version_id, bh.branch_name, lp.created_at
     from branch_heads bh join latest_pact_publication_ids_for_consumer_versions lp on lp.consumer_version_id = bh.version_id join pacticipants p on p.id = bh.pacticipant_id where p.name = 'FillerConsumer'`,
  `insert into pact_version_provider_branch_successful_verifications (verification_id, branch_version_id, provider_id, branch_name, pact_version_id, execution_date)
     select ver.id, bv.id, ver.provider_id, bv.branch_name, ver.pact_version_id, ver.execution_date
     from verifications ver join branch_versions bv on bv.version_id = ver.provider_version_id where ver.number > 1000000`,
];

const STATEMENTS = [
  `insert into pacticipants (name, created_at, updated_at) values ('FillerConsumer', now()::text, now()::text), ('FillerProvider', now()::text, now()::text)`,
  `insert into versions (number, pacticipant_id, "order", created_at, updated_at)
     select 'f' || g, p.id, 100000 + g, now()::text, now()::text from generate_series(1, $1::int) g, pacticipants p where p.name in ('FillerConsumer', 'FillerProvider')`,
  `insert into pact_versions (consumer_id, provider_id, sha, content, interactions_count, messages_count, created_at)
     select c.id, p.id, 'filler' || g, '{}', 1, 0, now()::text from generate_series(1, $1::int) g, pacticipants c, pacticipants p where c.name = 'FillerConsumer' and p.name = 'FillerProvider'`,
  `insert into pact_publications (consumer_version_id, provider_id, consumer_id, revision_number, pact_version_id, consumer_version_order, created_at)
     select v.id, pv.provider_id, pv.consumer_id, 1, pv.id, v."order", now()::text
     from pact_versions pv join versions v on v.pacticipant_id = pv.consumer_id and v.number = 'f' || substr(pv.sha, 7) where pv.sha like 'filler%'`,
  `insert into latest_pact_publication_ids_for_consumer_versions (provider_id, consumer_version_id, consumer_id, pact_publication_id, pact_version_id, created_at)
     select pp.provider_id, pp.consumer_version_id, pp.consumer_id, pp.id, pp.pact_version_id, pp.created_at from pact_publications pp join pacticipants c on c.id = pp.consumer_id where c.name = 'FillerConsumer'`,
  `insert into tags (version_id, name, pacticipant_id, version_order, created_at, updated_at)
     select v.id, 'main', v.pacticipant_id, v."order", now()::text, now()::text from versions v join pacticipants p on p.id = v.pacticipant_id where p.name like 'Filler%'`,
  `insert into branches (pacticipant_id, name, created_at, updated_at) select id, 'main', now()::text, now()::text from pacticipants where name like 'Filler%'`,
  `insert into branch_versions (branch_id, version_id, version_order, pacticipant_id, branch_name, auto_created, created_at, updated_at)
     select b.id, v.id, v."order", v.pacticipant_id, 'main', 0, now()::text, now()::text from versions v join branches b on b.pacticipant_id = v.pacticipant_id join pacticipants p on p.id = v.pacticipant_id where p.name like 'Filler%'`,
  `insert into verifications (number, success, provider_version_id, provider_id, consumer_id, pact_version_id, execution_date, created_at)
     select 1000000 + pv.id, 1, v.id, pv.provider_id, pv.consumer_id, pv.id, now()::text, now()::text
     from pact_versions pv join versions v on v.pacticipant_id = pv.provider_id and v.number = 'f' || substr(pv.sha, 7) where pv.sha like 'filler%'`,
  `insert into latest_verification_id_for_pact_version_and_provider_version (pact_version_id, provider_version_id, verification_id, consumer_id, provider_id, created_at)
     select pact_version_id, provider_version_id, id, consumer_id, provider_id, created_at from verifications where number > 1000000`,
  'analyze',
];

/** Adds the filler to the database at `databaseUrl` (with `featureBranches`, a branch head per filler consumer version) and ANALYZEs every table. */
export async function addFillerHistory(databaseUrl: string, rows: number, featureBranches = false): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const statements = featureBranches ? [...STATEMENTS.slice(0, -1), ...FEATURE_BRANCHES, 'analyze'] : STATEMENTS;
  try {
    for (const statement of statements) await client.query(statement, statement.includes('$1') ? [rows] : []);
  } finally {
    await client.end();
  }
}

/** Every plan node of an `EXPLAIN (FORMAT JSON)` answer, depth first. */
export function planNodes(plan: Record<string, unknown>): Array<Record<string, unknown>> {
  const children = (plan.Plans as Array<Record<string, unknown>> | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}
