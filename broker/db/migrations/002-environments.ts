import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './column-types.js';

/**
 * Environments, deployed versions (with the one-current-deployment pointer table) and released
 * versions (docs/broker-api.md#environments, docs/broker-api.md#database-tables). Deleting an environment, version or pacticipant removes
 * its deployments and releases with it, as the Ruby broker's environment deletion does.
 */
export const environmentsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const id = idColumn(db);
    const text = textType(db);
    await db.schema
      .createTable('environments')
      .addColumn('id', 'integer', id)
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('name', text, (c) => c.notNull().unique())
      .addColumn('display_name', text)
      .addColumn('production', 'integer', (c) => c.notNull())
      .addColumn('contacts', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('deployed_versions')
      .addColumn('id', 'integer', id)
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('environment_id', 'integer', (c) => c.notNull().references('environments.id').onDelete('cascade'))
      .addColumn('target', text)
      .addColumn('target_for_index', text, (c) => c.notNull().defaultTo(''))
      .addColumn('undeployed_at', text)
      .addColumn('auto_created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_deployed_versions_version').on('deployed_versions').column('version_id').execute();
    await db.schema
      .createIndex('ix_deployed_versions_environment_pacticipant')
      .on('deployed_versions')
      .columns(['environment_id', 'pacticipant_id'])
      .execute();

    await db.schema
      .createTable('currently_deployed_version_ids')
      .addColumn('id', 'integer', id)
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('environment_id', 'integer', (c) => c.notNull().references('environments.id').onDelete('cascade'))
      .addColumn('target_for_index', text, (c) => c.notNull())
      .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('deployed_version_id', 'integer', (c) =>
        c.notNull().unique().references('deployed_versions.id').onDelete('cascade'),
      )
      .addUniqueConstraint('uq_currently_deployed_version_ids_pacticipant_environment_target', [
        'pacticipant_id',
        'environment_id',
        'target_for_index',
      ])
      .execute();

    await db.schema
      .createTable('released_versions')
      .addColumn('id', 'integer', id)
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('environment_id', 'integer', (c) => c.notNull().references('environments.id').onDelete('cascade'))
      .addColumn('support_ended_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_released_versions_version_environment', ['version_id', 'environment_id'])
      .execute();
    await db.schema
      .createIndex('ix_released_versions_environment_support_ended')
      .on('released_versions')
      .columns(['environment_id', 'support_ended_at'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ['released_versions', 'currently_deployed_version_ids', 'deployed_versions', 'environments']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
