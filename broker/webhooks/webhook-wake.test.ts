import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBodyWorkerPool } from '../body-work/index.js';
import { createSharedBrokerApp } from '../shared-broker-app.js';
import { LoopbackListener } from '../test-support/loopback-listener.js';
import { statementsOf } from '../test-support/query-counter.js';
import { publishBody, startTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import type { BrokerOptions } from '../broker.js';

/** Far below the worker's unasked look at its queue (once a minute, left at its default here), far above a loaded machine's delivery. */
const PROMPTLY_MS = 15_000;
const LOOPBACK_HOOKS: Partial<BrokerOptions> = { webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] };

/**
 * Team issue 13: the webhook worker is woken by the commit of a write that queued deliveries, and by
 * nothing else: a pacts-for-verification POST (the bench's hottest POST) wakes nothing.
 */
describeOnEachDatabase((database) => {
  let target: LoopbackListener;
  const brokers: TestBroker[] = [];
  const start = async (options: Partial<BrokerOptions>) => {
    const t = await startTestBroker(database, options);
    brokers.push(t);
    return t;
  };
  beforeEach(async () => {
    target = new LoopbackListener('127.0.0.1');
    await target.start();
  });
  afterEach(async () => {
    for (const t of brokers.splice(0)) await t.close();
    await target.stop();
  });

  /** Publishes Foo's pact with Bar after adding a contract_published webhook, and waits for its delivery. */
  async function deliversPublicationPromptly(t: TestBroker): Promise<void> {
    const webhook = { events: [{ name: 'contract_published' }], request: { method: 'POST', url: `http://127.0.0.1:${target.port}/published` } };
    expect((await t.request('POST', '/webhooks', { body: webhook })).status).toBe(201);
    expect((await t.request('POST', '/contracts/publish', { body: publishBody() })).status).toBe(200);
    const started = Date.now();
    while (target.requests.length === 0 && Date.now() - started < PROMPTLY_MS) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(target.requests).toEqual(['POST /published']);
  }

  it('delivers a publication’s webhook at once', async () => {
    await deliversPublicationPromptly(await start(LOOPBACK_HOOKS));
  });

  it('delivers a publication’s webhook at once through an app shared by a process’s brokers', async () => {
    const bodyWork = createBodyWorkerPool();
    try {
      const sharedApp = createSharedBrokerApp({ clock: () => new Date(), bodyWork });
      await deliversPublicationPromptly(await start({ ...LOOPBACK_HOOKS, sharedApp, bodyWork }));
    } finally {
      for (const t of brokers.splice(0)) await t.close();
      await bodyWork.close();
    }
  });

  it('runs none of the worker’s statements for a pacts-for-verification POST', async () => {
    // Its look a long way off: only a wake could make the worker poll meanwhile.
    const t = await start({ webhookPollIntervalMs: 600_000 });
    expect((await t.request('POST', '/contracts/publish', { body: publishBody() })).status).toBe(200);
    const statements = await statementsOf(async () => {
      expect((await t.request('POST', '/pacts/provider/Bar/for-verification', { body: { consumerVersionSelectors: [{ mainBranch: true }] } })).status).toBe(200);
      // Closing waits for any poll the request queued.
      await t.broker.close();
    });
    console.info(`statements of a pacts-for-verification POST on ${database}, the webhook worker's included: ${statements.length}`);
    expect(statements.map((statement) => statement.sql).filter((sql) => sql.includes('triggered_webhooks'))).toEqual([]);
  });
});
