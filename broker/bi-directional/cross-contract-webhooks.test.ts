import { rmSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LoopbackListener } from '../test-support/loopback-listener.js';
import { useCliBroker } from '../test-support/official-cli.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { bidiCli } from './test-fixtures/bidi-cli.js';
import { ordersDocument, ordersPact } from './test-fixtures/orders-fixtures.js';

/** Far below the webhook worker's unasked look at its queue (once a minute), far above a loaded machine's delivery. */
const PROMPTLY_MS = 15_000;

/**
 * Team issue 13: a comparison that finishes after the publish's wait records its verification from the
 * queue, with no request after it; the webhooks that verification triggers are delivered at once, not
 * at the worker's next look a minute later.
 */
describeOnEachDatabase((database) => {
  // A wait of 0: the comparison always finishes after the answer. The worker's look interval is its default.
  const broker = useCliBroker(database, { crossContractWaitMs: 0, webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] });
  let target: LoopbackListener;
  let cli: ReturnType<typeof bidiCli>;
  beforeEach(async () => {
    target = new LoopbackListener('127.0.0.1');
    await target.start();
    cli = bidiCli(broker);
  });
  afterEach(async () => {
    await target.stop();
    rmSync(cli.dir, { recursive: true, force: true });
  });

  it('delivers provider_verification_published of a comparison queued after the publish answered, promptly', async () => {
    await cli.publishPact('1', ordersPact());
    const hook = await broker.cli('create-webhook', `http://127.0.0.1:${target.port}/verified`, '--request', 'POST', '--provider', 'Orders', '--provider-verification-published', '--description', 'comparison verified');
    expect(hook.code, hook.output).toBe(0);
    const published = await cli.publishContract('1.0.0', ordersDocument());
    expect(published.output).toContain('Cross-contract comparison with Web version 1: queued');
    const started = Date.now();
    while (target.requests.length === 0 && Date.now() - started < PROMPTLY_MS) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(target.requests).toEqual(['POST /verified']);
  });
});
