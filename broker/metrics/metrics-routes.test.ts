import { expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  it('answers an empty broker with zero counts and no dates', async () => {
    const { status, headers, body } = await t.json('GET', '/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
    expect(body).toMatchObject({
      pacticipants: { count: 0 },
      pactPublications: { count: 0, first: null, last: null },
      pactRevisionsPerConsumerVersion: { distribution: {} },
      verificationResults: { count: 0, successCount: 0, failureCount: 0, distinctCount: 0, first: null, last: null },
      matrix: { count: 0 },
    });
  });

  it('counts what the broker holds, as the Ruby broker does', async () => {
    await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1', tags: ['dev', 'main'] }) });
    // Version 2 with the same content (one pact version, two publications); version 3 with other content.
    await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '2', tags: ['dev'] }) });
    await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '3' }, pactDocument('Foo', 'Bar', ['another request'])) });
    const { body: pact } = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/2');
    const results = (dig(pact, '_links', 'pb:publish-verification-results', 'href') as string).slice(BASE.length);
    for (const success of [true, true, false]) {
      await t.json('POST', results, { body: { success, providerApplicationVersion: '9', verifiedBy: { implementation: 'Pact-Rust', version: '1' } } });
    }

    const { body } = await t.json('GET', '/metrics');
    expect(body).toMatchObject({
      pacticipants: { count: 2 },
      integrations: { count: 1 },
      pactPublications: { count: 3, first: expect.stringMatching(/\+00:00$/), last: expect.stringMatching(/\+00:00$/) },
      pactVersions: { count: 2 },
      pactRevisionsPerConsumerVersion: { distribution: { '1': 3 } },
      verificationResults: { count: 3, successCount: 2, failureCount: 1, distinctCount: 2 },
      verificationResultsPerPactVersion: { distribution: { '3': 1 } },
      pacticipantVersions: { count: 4 },
      webhooks: { count: 0 },
      tags: { count: 4, distinctCount: 2, distinctWithPacticipantCount: 2 }, // dev on 1, 2 and 3 (the default), main on 1
      triggeredWebhooks: { count: 0 },
      webhookExecutions: { count: 0 },
      // Versions 1 and 2 share the verified content (3 results each: 6 rows); version 3's is unverified (1 row).
      matrix: { count: 7 },
    });
  });
});
