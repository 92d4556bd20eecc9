import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './column-types.js';

/**
 * Bi-directional contract testing (issue 15): the provider contract (an OpenAPI document and its
 * self-verification) of each provider version, and the cross-contract comparisons, one per pair of
 * pact content and contract content.
 */
export const providerContractsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const id = idColumn(db);
    const text = textType(db);
    await db.schema
      .createTable('provider_contracts')
      .addColumn('id', 'integer', id)
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('provider_version_id', 'integer', (c) => c.notNull().unique().references('versions.id').onDelete('cascade'))
      .addColumn('sha', text, (c) => c.notNull())
      .addColumn('content', text, (c) => c.notNull())
      .addColumn('content_type', text, (c) => c.notNull())
      .addColumn('specification', text, (c) => c.notNull())
      .addColumn('self_verification_success', 'integer', (c) => c.notNull())
      .addColumn('self_verification_content', text)
      .addColumn('self_verification_content_type', text)
      .addColumn('self_verification_format', text)
      .addColumn('verifier', text)
      .addColumn('verifier_version', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_provider_contracts_provider').on('provider_contracts').column('provider_id').execute();

    await db.schema
      .createTable('cross_contract_comparisons')
      .addColumn('id', 'integer', id)
      .addColumn('pact_version_id', 'integer', (c) => c.notNull().references('pact_versions.id').onDelete('cascade'))
      .addColumn('contract_sha', text, (c) => c.notNull())
      .addColumn('success', 'integer', (c) => c.notNull())
      .addColumn('mismatches', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_cross_contract_comparisons_pair', ['pact_version_id', 'contract_sha'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('cross_contract_comparisons').execute();
    await db.schema.dropTable('provider_contracts').execute();
  },
};
