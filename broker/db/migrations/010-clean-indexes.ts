import type { Kysely, Migration } from 'kysely';

/**
 * Team issue 14 (retention): the clean deletes pact contents nothing refers to any more, and each
 * deleted row makes PostgreSQL look for rows referring to it (the ON DELETE CASCADE of three tables
 * without an index on `pact_version_id`): a scan of each table per pact content. With these
 * indexes deleting 100 contents next to 100,000 verifications takes 3-8 ms instead of about 1 s.
 */
export const cleanIndexesSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('ix_verifications_pact_version').on('verifications').column('pact_version_id').execute();
    await db.schema.createIndex('ix_latest_pact_publication_ids_pact_version').on('latest_pact_publication_ids_for_consumer_versions').column('pact_version_id').execute();
    await db.schema.createIndex('ix_latest_verification_ids_pact_version').on('latest_verification_id_for_pact_version_and_provider_version').column('pact_version_id').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('ix_latest_verification_ids_pact_version').execute();
    await db.schema.dropIndex('ix_latest_pact_publication_ids_pact_version').execute();
    await db.schema.dropIndex('ix_verifications_pact_version').execute();
  },
};
