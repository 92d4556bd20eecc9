import type { Kysely, Migration } from 'kysely';
import { textType } from './column-types.js';

/**
 * Pacticipant labels (issue 14), as the Ruby broker's `labels` table: primary key (pacticipant_id, name);
 * deleting a pacticipant deletes its labels.
 */
export const labelsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const text = textType(db);
    await db.schema
      .createTable('labels')
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('pacticipant_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('labels_pk', ['pacticipant_id', 'name'])
      .execute();
    await db.schema.createIndex('ix_labels_name').on('labels').column('name').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('labels').execute();
  },
};
