import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './column-types.js';

/** Pacticipants, versions, pact content and publications, tags, branches and integrations (docs/broker-api.md#database-tables). */
export const initialSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const id = idColumn(db);
    const text = textType(db);
    await db.schema
      .createTable('pacticipants')
      .addColumn('id', 'integer', id)
      .addColumn('name', text, (c) => c.notNull().unique())
      .addColumn('display_name', text)
      .addColumn('repository_url', text)
      .addColumn('repository_name', text)
      .addColumn('repository_namespace', text)
      .addColumn('main_branch', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('versions')
      .addColumn('id', 'integer', id)
      .addColumn('number', text, (c) => c.notNull())
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('order', 'integer', (c) => c.notNull())
      .addColumn('build_url', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_versions_pacticipant_number', ['pacticipant_id', 'number'])
      .addUniqueConstraint('uq_versions_pacticipant_order', ['pacticipant_id', 'order'])
      .execute();

    await db.schema
      .createTable('pact_versions')
      .addColumn('id', 'integer', id)
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('sha', text, (c) => c.notNull())
      .addColumn('content', text, (c) => c.notNull())
      .addColumn('interactions_count', 'integer', (c) => c.notNull())
      .addColumn('messages_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_pact_versions_consumer_provider_sha', ['consumer_id', 'provider_id', 'sha'])
      .execute();

    await db.schema
      .createTable('pact_publications')
      .addColumn('id', 'integer', id)
      .addColumn('consumer_version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('revision_number', 'integer', (c) => c.notNull())
      .addColumn('pact_version_id', 'integer', (c) => c.notNull().references('pact_versions.id').onDelete('cascade'))
      .addColumn('consumer_version_order', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_pact_publications_version_provider_revision', [
        'consumer_version_id',
        'provider_id',
        'revision_number',
      ])
      .execute();
    await db.schema
      .createIndex('ix_pact_publications_pact_version')
      .on('pact_publications')
      .column('pact_version_id')
      .execute();

    await db.schema
      .createTable('latest_pact_publication_ids_for_consumer_versions')
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('consumer_version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('pact_publication_id', 'integer', (c) =>
        c.notNull().unique().references('pact_publications.id').onDelete('cascade'),
      )
      .addColumn('pact_version_id', 'integer', (c) => c.notNull().references('pact_versions.id').onDelete('cascade'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_latest_pact_publication_ids', ['provider_id', 'consumer_version_id'])
      .execute();
    await db.schema
      .createIndex('ix_latest_pact_publication_ids_consumer_provider')
      .on('latest_pact_publication_ids_for_consumer_versions')
      .columns(['consumer_id', 'provider_id'])
      .execute();

    await db.schema
      .createTable('tags')
      .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('version_order', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_tags', ['version_id', 'name'])
      .execute();
    await db.schema.createIndex('ix_tags_pacticipant_name').on('tags').columns(['pacticipant_id', 'name']).execute();

    await db.schema
      .createTable('branches')
      .addColumn('id', 'integer', id)
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_branches_pacticipant_name', ['pacticipant_id', 'name'])
      .execute();

    await db.schema
      .createTable('branch_versions')
      .addColumn('id', 'integer', id)
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id').onDelete('cascade'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('version_order', 'integer', (c) => c.notNull())
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('branch_name', text, (c) => c.notNull())
      .addColumn('auto_created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_branch_versions_branch_version', ['branch_id', 'version_id'])
      .execute();
    await db.schema.createIndex('ix_branch_versions_version').on('branch_versions').column('version_id').execute();

    await db.schema
      .createTable('branch_heads')
      .addColumn('id', 'integer', id)
      .addColumn('branch_id', 'integer', (c) => c.notNull().unique().references('branches.id').onDelete('cascade'))
      .addColumn('branch_version_id', 'integer', (c) =>
        c.notNull().references('branch_versions.id').onDelete('cascade'),
      )
      .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('branch_name', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('integrations')
      .addColumn('id', 'integer', id)
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('contract_data_updated_at', text)
      .addUniqueConstraint('uq_integrations_consumer_provider', ['consumer_id', 'provider_id'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'integrations',
      'branch_heads',
      'branch_versions',
      'branches',
      'tags',
      'latest_pact_publication_ids_for_consumer_versions',
      'pact_publications',
      'pact_versions',
      'versions',
      'pacticipants',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
