import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './column-types.js';

/**
 * Webhooks, their events, and the tables the event-triggered queue will use (docs/broker-api.md#webhooks, docs/broker-api.md#database-tables).
 * Triggered webhooks outlive their webhook (webhook_id set null), as the Ruby broker keeps their logs;
 * they go with the pacticipants, publications and verifications they were triggered for.
 */
export const webhooksSchema: Migration = {
  async up(db: Kysely<unknown>) {
    const id = idColumn(db);
    const text = textType(db);
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'integer', id)
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('description', text)
      .addColumn('method', text, (c) => c.notNull())
      .addColumn('url', text, (c) => c.notNull())
      .addColumn('headers', text)
      .addColumn('body', text)
      .addColumn('is_json_request_body', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('username', text)
      .addColumn('password', text)
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('consumer_id', 'integer', (c) => c.references('pacticipants.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.references('pacticipants.id').onDelete('cascade'))
      .addColumn('consumer_label', text)
      .addColumn('provider_label', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_webhooks_consumer_provider').on('webhooks').columns(['consumer_id', 'provider_id']).execute();
    await db.schema
      .createTable('webhook_events')
      .addColumn('id', 'integer', id)
      .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('uq_webhook_events_webhook_name', ['webhook_id', 'name'])
      .execute();
    await db.schema
      .createTable('triggered_webhooks')
      .addColumn('id', 'integer', id)
      .addColumn('uuid', text, (c) => c.notNull().unique())
      .addColumn('trigger_uuid', text, (c) => c.notNull())
      .addColumn('trigger_type', text, (c) => c.notNull())
      .addColumn('pact_publication_id', 'integer', (c) => c.references('pact_publications.id').onDelete('cascade'))
      .addColumn('verification_id', 'integer', (c) => c.references('verifications.id').onDelete('cascade'))
      .addColumn('webhook_id', 'integer', (c) => c.references('webhooks.id').onDelete('set null'))
      .addColumn('webhook_uuid', text, (c) => c.notNull())
      .addColumn('consumer_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('provider_id', 'integer', (c) => c.notNull().references('pacticipants.id').onDelete('cascade'))
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('event_name', text, (c) => c.notNull())
      .addColumn('event_context', text)
      // The delivery queue: when the next attempt is due and how many were made (webhook_retry_schedule).
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_triggered_webhooks_status_next_attempt').on('triggered_webhooks').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('ix_triggered_webhooks_consumer_provider').on('triggered_webhooks').columns(['consumer_id', 'provider_id']).execute();
    await db.schema.createIndex('ix_triggered_webhooks_webhook').on('triggered_webhooks').column('webhook_id').execute();
    await db.schema
      .createTable('webhook_executions')
      .addColumn('id', 'integer', id)
      .addColumn('triggered_webhook_id', 'integer', (c) => c.notNull().references('triggered_webhooks.id').onDelete('cascade'))
      .addColumn('success', 'integer', (c) => c.notNull())
      .addColumn('logs', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_webhook_executions_triggered_webhook').on('webhook_executions').column('triggered_webhook_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['webhook_executions', 'triggered_webhooks', 'webhook_events', 'webhooks']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
