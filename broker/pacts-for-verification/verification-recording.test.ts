import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { createBrokerApp } from '../app.js';
import { openDatabase, type Db, migrateToLatest } from '../db/index.js';
import { BASE, dig } from '../test-support/test-broker.js';
import { createTestDatabase, describeOnEachDatabase, type TestDatabase } from '../test-support/test-database.js';
import { publish, verify, type BrokerClient } from '../test-support/verification-history-fixture.js';

/**
 * Item 4 of "The verification loop": results posted under a pacts-for-verification URL land on
 * that pact content, with the WIP and pending marks and the selectors of its metadata; a WIP
 * success does not end WIP, a success outside WIP does.
 */
describeOnEachDatabase((database) => {
  let testDatabase: TestDatabase;
  let db: Db;
  let broker: BrokerClient;

  beforeEach(async () => {
    testDatabase = await createTestDatabase(database);
    db = openDatabase(testDatabase.url);
    await migrateToLatest(db);
    const app = createBrokerApp({ db, baseUrls: [], logger: silentLogger, clock: () => new Date() });
    broker = {
      async json(method, path, { body, headers = {} } = {}) {
        const init = { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) };
        const response = await app.request(BASE + path, init);
        const text = await response.text();
        return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
      },
    };
    await publish(broker, 'Web', '1', { branch: 'main', tags: [] }, 'A');
    await publish(broker, 'Web', '2', { branch: 'feat-x', tags: [] }, 'B');
  });
  afterEach(async () => {
    await db.destroy();
    await testDatabase.drop();
  });

  /** The pacts for provider branch main with the main branch selected, WIP since 2000. */
  async function pactsForVerification(): Promise<unknown[]> {
    const body = { consumerVersionSelectors: [{ mainBranch: true }], providerVersionBranch: 'main', includePendingStatus: true, includeWipPactsSince: '2000-01-01' };
    const { status, body: answer } = await broker.json('POST', '/pacts/provider/Bar/for-verification', { body });
    expect(status).toBe(200);
    return dig(answer, '_embedded', 'pacts') as unknown[];
  }

  /** The results URL of the pact document the verifier fetches from the entry's self link. */
  async function resultsPath(entry: unknown): Promise<string> {
    const pact = await broker.json('GET', String(dig(entry, '_links', 'self', 'href')).slice(BASE.length));
    return String(dig(pact.body, '_links', 'pb:publish-verification-results', 'href')).slice(BASE.length);
  }

  async function storedVerifications() {
    return db
      .selectFrom('verifications as v')
      .innerJoin('pact_versions as pv', 'pv.id', 'v.pact_version_id')
      .innerJoin('versions as provider', 'provider.id', 'v.provider_version_id')
      .select(['provider.number as providerVersion', 'pv.sha', 'v.wip', 'v.pact_pending as pactPending', 'v.consumer_version_selector_hashes as selectors'])
      .orderBy('v.id')
      .execute();
  }

  describe('results published from pacts for verification', () => {
    it('record the WIP and pending marks and the selectors of the URL, on the right pact content', async () => {
      const [main, wip] = await pactsForVerification();
      await verify(broker, { consumer: 'Web', version: '1', providerVersion: 'p1', branch: 'main', success: true, resultsPath: await resultsPath(main) });
      await verify(broker, { consumer: 'Web', version: '2', providerVersion: 'p1', success: false, resultsPath: await resultsPath(wip) });
      const shaOf = async (version: string) => dig((await broker.json('GET', `/pacts/provider/Bar/consumer/Web/version/${version}`)).body, '_links', 'pb:pact-version', 'name');
      expect(await storedVerifications()).toEqual([
        {
          providerVersion: 'p1',
          sha: await shaOf('1'),
          wip: 0,
          pactPending: 1,
          selectors: JSON.stringify([{ latest: true, consumer_version_number: '1' }]),
        },
        { providerVersion: 'p1', sha: await shaOf('2'), wip: 1, pactPending: null, selectors: null },
      ]);
      expect(dig((await broker.json('GET', '/pacticipants/Bar/versions/p1')).body, '_embedded', 'branchVersions', 0, 'name')).toBe('main');
    });

    it('keep a pact WIP after a WIP success, and end WIP after a success outside WIP', async () => {
      const wip = (await pactsForVerification())[1];
      expect(dig(wip, 'verificationProperties', 'wip')).toBe(true);
      await verify(broker, { consumer: 'Web', version: '2', providerVersion: 'p1', branch: 'main', success: true, resultsPath: await resultsPath(wip) });
      expect(await pactsForVerification()).toHaveLength(2);

      await verify(broker, { consumer: 'Web', version: '2', providerVersion: 'p2', branch: 'main', success: true });
      const remaining = await pactsForVerification();
      expect(remaining.map((entry) => dig(entry, 'shortDescription'))).toEqual(['latest from main branch']);
    });
  });
});
