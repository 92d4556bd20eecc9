import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE, startTestBroker, type TestBroker } from '../../broker/test-support/test-broker.js';
import { prepareVerificationHistory, verify } from '../../broker/test-support/verification-history-fixture.js';
import { brokerFacts, type GatewayFetch } from './broker-facts.js';

describe('brokerFacts, read from a real broker', () => {
  let t: TestBroker;
  const throughBroker: GatewayFetch = async (url, init) => t.broker.fetch(new Request(url, init));

  beforeEach(async () => {
    t = await startTestBroker('sqlite');
  });

  afterEach(async () => {
    await t.close();
  });

  it('counts nothing on an empty broker, whose heartbeat answers', async () => {
    const facts = await brokerFacts(throughBroker, BASE);
    expect(facts).toMatchObject({ heartbeat: { ok: true }, pacticipants: 0, integrations: 0, pactVersions: 0, verifications: 0 });
  });

  it("counts pacticipants, integrations, pact versions and verification results from the broker's /metrics", async () => {
    await prepareVerificationHistory(t);
    // w2's content is also w4's: the matrix lists this one result on two rows.
    await verify(t, { consumer: 'Web', version: 'w2', providerVersion: 'p2', success: false });
    const facts = await brokerFacts(throughBroker, BASE);
    // Nine publications of eight contents (w4 repeats w2's), in three integrations with Bar.
    expect(facts).toMatchObject({ pacticipants: 4, integrations: 3, pactVersions: 8, verifications: 2 });
  });

  it('reports a broker that does not answer, without counts', async () => {
    const refused: GatewayFetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await brokerFacts(refused, BASE)).toEqual({ heartbeat: { ok: false, problem: 'fetch failed' } });
    const unavailable: GatewayFetch = async () => new Response('{}', { status: 503 });
    expect(await brokerFacts(unavailable, BASE)).toEqual({ heartbeat: { ok: false, problem: 'answered 503' } });
  });
});
