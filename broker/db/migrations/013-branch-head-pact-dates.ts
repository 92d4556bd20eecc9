import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../database.js';
import { textType } from './column-types.js';

/**
 * Team issue 13: the WIP branch heads statement keeps only pacts published after `includeWipPactsSince`, and
 * `branch_head_pacts` (012) had no publication date to ask: every unverified head's pact went on to the second
 * statement (up to ~1,500 at 5,000 versions per consumer), however recent the date. Each row now carries the
 * date its pact was published (its current revision's), written with it; filled here from the publications.
 * Nullable only because SQLite adds no NOT NULL column without a default; every row has one.
 */
export const branchHeadPactDatesSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('branch_head_pacts').addColumn('published_at', textType(db)).execute();
    await sql`update branch_head_pacts set published_at = (
        select pp.created_at from latest_pact_publication_ids_for_consumer_versions lp
        join pact_publications pp on pp.id = lp.pact_publication_id
        where lp.provider_id = branch_head_pacts.provider_id and lp.consumer_version_id = branch_head_pacts.consumer_version_id)`.execute(db);
    if (isPostgres(db)) await sql`analyze branch_head_pacts`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('branch_head_pacts').dropColumn('published_at').execute();
  },
};
