import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './column-types.js';

/**
 * Webhook secrets (team issue 14; PactFlow's `/secrets`): a name webhooks use as `${user.NAME}`, a
 * description, and the value encrypted with the platform's key (`encrypted_value`: never plaintext).
 */
export const secretsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const text = textType(db);
    await db.schema
      .createTable('secrets')
      .addColumn('id', 'integer', idColumn(db))
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('name', text, (c) => c.notNull().unique())
      .addColumn('description', text)
      .addColumn('encrypted_value', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('secrets').execute();
  },
};
