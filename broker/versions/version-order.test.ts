import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/index.js';
import { dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// The Ruby broker orders versions by one sequence across all pacticipants (order_versions_by_date,
// its default: domain/order_versions.rb set_sequential_order, versions/sequence.rb); team issue 14.
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  /** Each version's order, in the order the versions were created. */
  async function ordersInCreationOrder(): Promise<number[]> {
    const db = openDatabase(t.databaseUrl);
    try {
      return (await db.selectFrom('versions').select('order').orderBy('id').execute()).map((row) => row.order);
    } finally {
      await db.destroy();
    }
  }

  describe('version order', () => {
    it('is one order across pacticipants, in the order the versions were created', async () => {
      for (const [pacticipant, number] of [['Foo', '1'], ['Bar', '1'], ['Foo', '2'], ['Bar', '2']]) {
        expect((await t.request('PUT', `/pacticipants/${pacticipant}/versions/${number}`, { body: {} })).status).toBe(201);
      }
      const orders = await ordersInCreationOrder();
      expect(orders).toHaveLength(4);
      expect(orders.every((order, index) => index === 0 || order > (orders[index - 1] ?? 0))).toBe(true);
      expect(dig((await t.json('GET', '/pacticipants/Foo/latest-version')).body, 'number')).toBe('2');
    });
  });
});
