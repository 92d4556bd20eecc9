import { beforeAll, expect, it } from 'vitest';
import { findWebhooksToTrigger } from '../webhooks/index.js';
import { useSuiteResource } from '../test-support/suite-resource.js';
import { describeOnEachDatabase, openMigratedTestDatabase } from '../test-support/test-database.js';

const AT = '2026-12-06T10:00:00.000Z';

// Issue 14: a webhook whose consumer or provider is given by label (`pact-broker create-webhook --consumer-label`)
// fires for the pacticipants carrying that label, as RB `Webhook.find_by_consumer_and_or_provider` selects them.
describeOnEachDatabase((kind) => {
  const database = useSuiteResource(() => openMigratedTestDatabase(kind), 'all');
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const db = database().db;
    for (const name of ['Web', 'Mobile', 'Orders', 'Stock']) {
      ids[name] = (await db.insertInto('pacticipants').values({ name, created_at: AT, updated_at: AT }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const labels: [string, string][] = [['Web', 'frontend'], ['Orders', 'team-a'], ['Stock', 'team-a']];
    for (const [name, label] of labels) await db.insertInto('labels').values({ name: label, pacticipant_id: ids[name]!, created_at: AT, updated_at: AT }).execute();
    const hooks: [string, { consumer_label?: string; provider_label?: string; provider_id?: number }][] = [
      ['frontend-consumers', { consumer_label: 'frontend' }],
      ['team-a-providers', { provider_label: 'team-a' }],
      ['frontend-to-orders', { consumer_label: 'frontend', provider_id: ids.Orders! }],
      ['frontend-to-team-a', { consumer_label: 'frontend', provider_label: 'team-a' }],
      ['everyone', {}],
    ];
    for (const [uuid, sides] of hooks) {
      const { id } = await db
        .insertInto('webhooks')
        .values({ uuid, method: 'POST', url: 'https://ci.example', is_json_request_body: 0, enabled: 1, created_at: AT, updated_at: AT, ...sides })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('webhook_events').values({ webhook_id: id, name: 'contract_published', created_at: AT }).execute();
    }
  });

  const triggered = async (consumer: string, provider: string) =>
    (await findWebhooksToTrigger(database().db, ids[consumer]!, ids[provider]!, ['contract_published'])).map((webhook) => webhook.uuid).sort();

  it.each([
    ['Web', 'Orders', ['everyone', 'frontend-consumers', 'frontend-to-orders', 'frontend-to-team-a', 'team-a-providers']],
    ['Web', 'Stock', ['everyone', 'frontend-consumers', 'frontend-to-team-a', 'team-a-providers']],
    ['Mobile', 'Orders', ['everyone', 'team-a-providers']],
    ['Mobile', 'Web', ['everyone']],
  ])('a contract published by %s for %s triggers the webhooks of their labels', async (consumer, provider, expected) => {
    expect(await triggered(consumer, provider)).toEqual(expected);
  });
});
