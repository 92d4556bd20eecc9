import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, textType } from './column-types.js';

/**
 * Verification results and the tables the matrix reads them through (docs/broker-api.md#verification-results, docs/broker-api.md#database-tables): the
 * global result numbering, the latest result per pact content and provider version, and the
 * successful results per provider tag. Also indexes the pact pointers by consumer version, the
 * matrix's entry point.
 */
export const verificationsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const id = idColumn(db);
    const text = textType(db);
    await db.schema.createTable('verification_sequence_number').addColumn('value', 'integer', (c) => c.notNull()).execute();
    await sql`insert into verification_sequence_number (value) values (0)`.execute(db);

    await db.schema
      .createTable('verifications')
      .addColumn('id', 'integer', id)
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('success', 'integer', (c) => c.notNull())
      .addColumn('provider_version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('pact_version_id', 'integer', (c) => c.notNull().references('pact_versions.id').onDelete('cascade'))
      .addColumn('build_url', text)
      .addColumn('test_results', text)
      .addColumn('execution_date', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('wip', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pact_pending', 'integer')
      .addColumn('consumer_version_selector_hashes', text)
      .addColumn('tag_names', text)
      .addColumn('verified_by_implementation', text)
      .addColumn('verified_by_version', text)
      .addColumn('verified_by_client_implementation', text)
      .addColumn('verified_by_client_version', text)
      .addColumn('verified_by_client_test_framework', text)
      .addUniqueConstraint('uq_verifications_pact_version_number', ['pact_version_id', 'number'])
      .execute();
    await db.schema.createIndex('ix_verifications_provider_version').on('verifications').column('provider_version_id').execute();
    await db.schema.createIndex('ix_verifications_consumer_provider').on('verifications').columns(['consumer_id', 'provider_id']).execute();

    await db.schema
      .createTable('latest_verification_id_for_pact_version_and_provider_version')
      .addColumn('pact_version_id', 'integer', (c) => c.notNull().references('pact_versions.id').onDelete('cascade'))
      .addColumn('provider_version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('verification_id', 'integer', (c) => c.notNull().unique().references('verifications.id').onDelete('cascade'))
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_latest_verification_ids', ['pact_version_id', 'provider_version_id'])
      .execute();
    await db.schema
      .createIndex('ix_latest_verification_ids_provider_version')
      .on('latest_verification_id_for_pact_version_and_provider_version')
      .column('provider_version_id')
      .execute();
    await db.schema
      .createIndex('ix_latest_verification_ids_provider_consumer')
      .on('latest_verification_id_for_pact_version_and_provider_version')
      .columns(['provider_id', 'consumer_id'])
      .execute();

    await db.schema
      .createTable('pact_version_provider_tag_successful_verifications')
      .addColumn('id', 'integer', id)
      .addColumn('pact_version_id', 'integer', (c) => c.notNull().references('pact_versions.id').onDelete('cascade'))
      .addColumn('provider_version_tag_name', text, (c) => c.notNull())
      .addColumn('wip', 'integer', (c) => c.notNull())
      .addColumn('verification_id', 'integer', (c) => c.notNull().references('verifications.id').onDelete('cascade'))
      .addColumn('execution_date', text, (c) => c.notNull())
      .addUniqueConstraint('uq_pact_version_provider_tag_successful_verifications', ['pact_version_id', 'provider_version_tag_name', 'wip'])
      .execute();

    await db.schema
      .createIndex('ix_latest_pact_publication_ids_consumer_version')
      .on('latest_pact_publication_ids_for_consumer_versions')
      .column('consumer_version_id')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('ix_latest_pact_publication_ids_consumer_version').execute();
    for (const table of [
      'pact_version_provider_tag_successful_verifications',
      'latest_verification_id_for_pact_version_and_provider_version',
      'verifications',
      'verification_sequence_number',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
