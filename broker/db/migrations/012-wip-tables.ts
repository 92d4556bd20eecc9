import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../database.js';
import { textType } from './column-types.js';

/**
 * Team issue 13 (pacts for verification at 5,000 versions per consumer): the work-in-progress pacts were found by
 * joining every branch head with the pacts of every consumer version, and every successful verification in the
 * look-back window with the provider's branch versions, on each request: 6-8 ms of PostgreSQL's time, growing
 * with the number of feature branches. Two tables kept by the writes that change them hold those joins:
 * - `branch_head_pacts`: the current pact of each branch head, per provider (written with the head and the pact);
 * - `pact_version_provider_branch_successful_verifications`: each successful verification outside WIP once per
 *   branch of its provider version (written with the verification and the branch version).
 * Their rows go with the rows they come from (foreign keys, on delete cascade). Filled here from what exists.
 */
export const wipTablesSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const text = textType(db);
    await db.schema
      .createTable('branch_head_pacts')
      .addColumn('branch_head_id', 'integer', (c) => c.notNull().references('branch_heads.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull())
      .addColumn('consumer_version_id', 'integer', (c) => c.notNull())
      .addColumn('pact_version_id', 'integer', (c) => c.notNull())
      .addColumn('branch_name', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_branch_head_pacts', ['branch_head_id', 'provider_id'])
      .addForeignKeyConstraint('fk_branch_head_pacts_pact', ['provider_id', 'consumer_version_id'], 'latest_pact_publication_ids_for_consumer_versions', ['provider_id', 'consumer_version_id'], (c) =>
        c.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('ix_branch_head_pacts_provider').on('branch_head_pacts').columns(['provider_id', 'pact_version_id']).execute();
    await db.schema.createIndex('ix_branch_head_pacts_pact').on('branch_head_pacts').columns(['consumer_version_id']).execute();

    await db.schema
      .createTable('pact_version_provider_branch_successful_verifications')
      .addColumn('verification_id', 'integer', (c) => c.notNull().references('verifications.id').onDelete('cascade'))
      .addColumn('branch_version_id', 'integer', (c) => c.notNull().references('branch_versions.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull())
      .addColumn('branch_name', text, (c) => c.notNull())
      .addColumn('pact_version_id', 'integer', (c) => c.notNull())
      .addColumn('execution_date', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_pact_version_provider_branch_successful_verifications', ['verification_id', 'branch_version_id'])
      .execute();
    await db.schema
      .createIndex('ix_provider_branch_successful_verifications_lookup')
      .on('pact_version_provider_branch_successful_verifications')
      // By pact content first: a pact's check against other branches (`branch_name <>`) seeks it too.
      .columns(['provider_id', 'pact_version_id', 'branch_name', 'execution_date'])
      .execute();
    await db.schema.createIndex('ix_provider_branch_successful_verifications_branch_version').on('pact_version_provider_branch_successful_verifications').column('branch_version_id').execute();

    await sql`insert into branch_head_pacts (branch_head_id, provider_id, consumer_version_id, pact_version_id, branch_name)
      select bh.id, lp.provider_id, lp.consumer_version_id, lp.pact_version_id, bh.branch_name
      from branch_heads bh join latest_pact_publication_ids_for_consumer_versions lp on lp.consumer_version_id = bh.version_id`.execute(db);
    await sql`insert into pact_version_provider_branch_successful_verifications (verification_id, branch_version_id, provider_id, branch_name, pact_version_id, execution_date)
      select ver.id, bv.id, ver.provider_id, bv.branch_name, ver.pact_version_id, ver.execution_date
      from verifications ver join branch_versions bv on bv.version_id = ver.provider_version_id
      where ver.success = 1 and ver.wip = 0`.execute(db);
    // Planned without statistics until autovacuum comes by, the WIP statement took 166 ms at 5,000 versions (2 with them).
    if (isPostgres(db)) await sql`analyze branch_head_pacts, pact_version_provider_branch_successful_verifications`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('pact_version_provider_branch_successful_verifications').execute();
    await db.schema.dropTable('branch_head_pacts').execute();
  },
};
