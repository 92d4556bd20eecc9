import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../http/index.js';
import { pactDocument, publishBody } from '../test-support/test-broker.js';
import { createBodyWorkerPool, INLINE_BODY_WORK, type BodyWork } from './body-work.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe.each([
  ['a pool of worker threads', () => createBodyWorkerPool(2)],
  ['the calling thread', () => INLINE_BODY_WORK],
])('body work on %s', (_where, create) => {
  let work: BodyWork;
  afterEach(async () => {
    await work.close();
  });

  it('prepares the contracts of a publish body, several at once', async () => {
    work = create();
    const bodies = ['A', 'B', 'C'].map((consumer) => bytes(JSON.stringify(publishBody({}, pactDocument(consumer, 'Bar')))));
    const results = await Promise.all(bodies.map((body) => work.run('publishContracts', body)));
    expect(results.map((result) => result.valid && result.value.pacticipantName)).toEqual(['A', 'B', 'C']);
    expect(results[0]).toMatchObject({ valid: true, value: { contracts: [{ consumerName: 'A', providerName: 'Bar', pact: { interactionsCount: 1, messagesCount: 0 } }] } });
  });

  it("answers a client's mistake with the HttpError the task threw", async () => {
    work = create();
    const refused = work.run('putPact', bytes(`{"a":${'['.repeat(300)}${']'.repeat(300)}}`));
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ status: 400, payload: { detail: 'The JSON document is nested 301 levels deep; the limit is 200.' } });
  });
});

it('fails the tasks in progress or waiting when the pool closes', async () => {
  const pool = createBodyWorkerPool(1);
  const body = bytes(JSON.stringify(publishBody()));
  const settled = Promise.allSettled([pool.run('publishContracts', body.slice()), pool.run('publishContracts', body.slice())]);
  await pool.close();
  const reason = { status: 'rejected', reason: new Error('The broker closed before the request body was processed.') };
  expect(await settled).toEqual([reason, reason]);
});
