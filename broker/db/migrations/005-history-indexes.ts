import type { Kysely, Migration } from 'kysely';

/**
 * Indexes that keep reads flat as history grows (issue 13): the latest pact of an integration is
 * the first entry of its publications by consumer version order and revision, and a tag's head is
 * the last entry of its versions by order (which also serves every lookup of the old
 * (pacticipant, name) index it replaces); the branch heads among a provider's pacts are found by
 * version (without it SQLite read every head for every pact: one more feature branch, one more
 * read per pact).
 */
export const historyIndexesSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('ix_pact_publications_integration_order')
      .on('pact_publications')
      .columns(['consumer_id', 'provider_id', 'consumer_version_order', 'revision_number'])
      .execute();
    await db.schema.createIndex('ix_tags_pacticipant_name_order').on('tags').columns(['pacticipant_id', 'name', 'version_order']).execute();
    await db.schema.dropIndex('ix_tags_pacticipant_name').execute();
    await db.schema.createIndex('ix_branch_heads_version').on('branch_heads').column('version_id').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('ix_branch_heads_version').execute();
    await db.schema.createIndex('ix_tags_pacticipant_name').on('tags').columns(['pacticipant_id', 'name']).execute();
    await db.schema.dropIndex('ix_tags_pacticipant_name_order').execute();
    await db.schema.dropIndex('ix_pact_publications_integration_order').execute();
  },
};
