import { publishPact } from './provider-pacts-fixture.js';
import { createEnvironment } from './environments.js';
import type { TestBroker } from './test-broker.js';

/** The pacts the provider-state suites read (request and CLI level). */

const PRODUCT_DETAILS = { name: 'product details', params: { id: '0589' } };

/** A pact between `consumer` and Bar whose interactions name these states, specification 2 strings or specification 3 objects. */
function pactWithStates(consumer: string, states: (string | { name: string; params?: unknown })[]): Record<string, unknown> {
  return {
    consumer: { name: consumer },
    provider: { name: 'Bar' },
    interactions: states.map((state, index) => ({
      description: `request ${index}`,
      ...(typeof state === 'string' ? { providerState: state } : { providerStates: [state] }),
      request: { method: 'GET', path: `/things/${index}` },
      response: { status: 200 },
    })),
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

/**
 * Main branch heads: Foo 1 (`state 2`, `state 1`), Foo2 1 (`product details`), Waffle 1 (`product
 * details`, `state 3`) above Waffle 0 (`old state`). Foo 2 (`state on a branch`) is on `feat/x`.
 * Environment `test` has Foo 2 deployed (it replaced Foo 1) and Waffle 0 released.
 */
export async function publishProviderStatePacts(t: TestBroker): Promise<void> {
  await publishPact(t, { consumer: 'Foo', version: '1', provider: 'Bar', branch: 'main' }, pactWithStates('Foo', ['state 2', 'state 1']));
  await publishPact(t, { consumer: 'Foo', version: '2', provider: 'Bar', branch: 'feat/x' }, pactWithStates('Foo', [{ name: 'state on a branch' }]));
  await publishPact(t, { consumer: 'Foo2', version: '1', provider: 'Bar', branch: 'main' }, pactWithStates('Foo2', [PRODUCT_DETAILS]));
  await publishPact(t, { consumer: 'Waffle', version: '0', provider: 'Bar', branch: 'main' }, pactWithStates('Waffle', [{ name: 'old state' }]));
  await publishPact(t, { consumer: 'Waffle', version: '1', provider: 'Bar', branch: 'main' }, pactWithStates('Waffle', [PRODUCT_DETAILS, { name: 'state 3' }]));
  const test = await createEnvironment(t, 'test');
  await record(t, `/pacticipants/Foo/versions/1/deployed-versions/environment/${test}`);
  await record(t, `/pacticipants/Foo/versions/2/deployed-versions/environment/${test}`);
  await record(t, `/pacticipants/Waffle/versions/0/released-versions/environment/${test}`);
}

async function record(t: TestBroker, path: string): Promise<void> {
  const { status, body } = await t.json('POST', path, { body: {} });
  if (status !== 201) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(body)}`);
}
