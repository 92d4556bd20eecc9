import type { Kysely, Migration } from 'kysely';

/**
 * Version order is one sequence across all pacticipants, as the Ruby broker's (team issue 14:
 * `order_versions_by_date`'s `version_order_sequence`); a new version takes the highest order of all
 * plus one, which this index finds without reading the table. Orders already given stay: each
 * pacticipant's versions keep their relative order, and a new one still comes after them.
 */
export const globalVersionOrderSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('ix_versions_order').on('versions').column('order').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('ix_versions_order').execute();
  },
};
