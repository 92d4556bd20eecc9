import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBroker, type Broker } from '../broker.js';
import { openDatabase, type Db } from '../db/index.js';
import { findOrCreatePacticipant } from '../pacticipants/index.js';
import { BASE } from '../test-support/test-broker.js';
import { useCliBroker } from '../test-support/official-cli.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { findOrCreateVersion } from '../versions/index.js';
import { upsertProviderContract } from './provider-contract-repository.js';
import { bidiCli } from './test-fixtures/bidi-cli.js';
import { ordersDocument, ordersPact } from './test-fixtures/orders-fixtures.js';

/** Provider version numbers of Orders that have a verification result, sorted. */
async function verifiedOrdersVersions(databaseUrl: string): Promise<string[]> {
  const db = openDatabase(databaseUrl);
  const rows = await db
    .selectFrom('verifications as ver')
    .innerJoin('versions as v', 'v.id', 'ver.provider_version_id')
    .select('v.number')
    .distinct()
    .execute()
    .finally(() => db.destroy());
  return rows.map((row) => row.number).sort();
}

/** Issue 15: comparisons off the publishing request's critical path, and which pairs are compared. */
describeOnEachDatabase((database) => {
  describe('a publication that does not wait for its comparisons', () => {
    // A wait of 0: the answer never waits, so it always says queued.
    const broker = useCliBroker(database, { scope: 'all', crossContractWaitMs: 0 });
    let cli: ReturnType<typeof bidiCli>;
    beforeAll(async () => {
      cli = bidiCli(broker);
      await cli.publishPact('1', ordersPact());
    });
    afterAll(() => rmSync(cli.dir, { recursive: true, force: true }));

    it('answers that the comparison is queued, and can-i-deploy says yes once it has run', async () => {
      const published = await cli.publishContract('1.0.0', ordersDocument());
      expect(published.code).toBe(0);
      expect(published.output).toContain('Cross-contract comparison with Web version 1: queued; can-i-deploy counts it once it has run.');
      expect(published.output).not.toContain('compatible');
      // Meanwhile the matrix answers as for a pending verification: the CLI's own retry waits for it.
      const { code, output } = await cli.canIDeploy('1', '1.0.0', '--retry-while-unknown', '30', '--retry-interval', '1');
      expect(output).toContain('Computer says yes');
      expect(code).toBe(0);
    });
  });

  describe('a broker that stopped after a contract was committed, before its comparison', () => {
    const broker = useCliBroker(database, { scope: 'all', crossContractWaitMs: Infinity });
    let restarted: Broker | undefined;
    afterEach(async () => restarted?.close());

    /** What such a broker leaves: Orders 1.0.0 and its contract, stored as the publish's transaction stores them, and no comparison. */
    async function storeContractOnly(db: Db): Promise<void> {
      const now = new Date().toISOString();
      const provider = await findOrCreatePacticipant(db, 'Orders', now);
      const { version } = await findOrCreateVersion(db, provider, '1.0.0', now);
      const content = ordersDocument();
      await upsertProviderContract(db, {
        ...{ provider_id: provider.id, provider_version_id: version.id, sha: 'stored-without-comparison', content, content_type: 'application/yaml', specification: 'oas' },
        ...{ self_verification_success: 1, self_verification_content: null, self_verification_content_type: null, self_verification_format: null, verifier: 'schemathesis', verifier_version: null },
        ...{ created_at: now, updated_at: now },
      });
    }

    it('compares it when started again', async () => {
      const cli = bidiCli(broker);
      await cli.publishPact('1', ordersPact());
      const db = openDatabase(broker.t.databaseUrl);
      await storeContractOnly(db).finally(() => db.destroy());
      rmSync(cli.dir, { recursive: true, force: true });
      expect(await verifiedOrdersVersions(broker.t.databaseUrl)).toEqual([]);

      restarted = await openBroker({ databaseUrl: broker.t.databaseUrl, webhookDelivery: false });
      // Read without asking the matrix, which would compare the pair itself.
      const results = `${BASE}/contracts/bi-directional/provider/Orders/version/1.0.0/cross-contract-verification-results`;
      let body: { results: unknown[] } = { results: [] };
      // The comparison is stored before the verification it publishes: wait for both (reading the
      // verification right after the result failed under load).
      const verified = async () => (await verifiedOrdersVersions(broker.t.databaseUrl)).length > 0;
      for (let attempt = 0; attempt < 300 && (body.results.length === 0 || !(await verified())); attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        body = (await (await restarted.fetch(new Request(results))).json()) as typeof body;
      }
      expect(body.results).toMatchObject([{ consumerName: 'Web', success: true }]);
      expect(await verifiedOrdersVersions(broker.t.databaseUrl)).toEqual(['1.0.0']);
    });
  });

  describe('a provider with a history of many contracts', () => {
    const broker = useCliBroker(database, { scope: 'all', crossContractWaitMs: Infinity });
    let cli: ReturnType<typeof bidiCli>;
    beforeAll(async () => {
      cli = bidiCli(broker);
      for (let minor = 1; minor <= 12; minor++) {
        const publishing = minor === 3 ? { tags: ['prod'] } : minor === 5 ? { branch: 'legacy' } : {};
        expect((await cli.publishContract(`1.${minor}.0`, ordersDocument({ title: `Orders 1.${minor}` }), publishing)).code).toBe(0);
      }
      await cli.publishPact('1', ordersPact());
    });
    afterAll(() => rmSync(cli.dir, { recursive: true, force: true }));

    it('compares a new pact only with the versions can-i-deploy asks about by name: heads of branches, latest of tags', async () => {
      expect(await verifiedOrdersVersions(broker.t.databaseUrl)).toEqual(['1.12.0', '1.3.0', '1.5.0']);
    });

    it('compares an older version when can-i-deploy asks about it', async () => {
      const { code, output } = await cli.canIDeploy('1', '1.7.0');
      expect(output).toContain('Computer says yes');
      expect(code).toBe(0);
      expect(await verifiedOrdersVersions(broker.t.databaseUrl)).toEqual(['1.12.0', '1.3.0', '1.5.0', '1.7.0']);
    });
  });
});
