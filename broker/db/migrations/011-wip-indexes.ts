import type { Kysely, Migration } from 'kysely';

/**
 * Team issue 13 (pacts for verification): a WIP pact verified on another provider branch counts only if
 * that happened before the provider branch's first version was created; that first version is now the
 * first entry of this index instead of the sort of every version of the branch (2,500 rows on `main` at
 * 5,000 versions per consumer, read for every request).
 */
export const wipIndexesSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('ix_branch_versions_pacticipant_branch_created').on('branch_versions').columns(['pacticipant_id', 'branch_name', 'created_at', 'id']).execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('ix_branch_versions_pacticipant_branch_created').execute();
  },
};
