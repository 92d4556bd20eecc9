/**
 * A real consumer test written with pact-js: the "LoopWeb" app's client for the "LoopOrders" API.
 * Running it against pact-js's mock server writes the pact file the loop publishes.
 */
import { MatchersV3, PactV3 } from '@pact-foundation/pact';

/** The consumer's code under test: how the web app reads an order. */
export async function fetchOrder(baseUrl: string, id: number): Promise<{ id: number; status: string }> {
  const response = await fetch(`${baseUrl}/orders/${id}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /orders/${id} answered ${response.status}`);
  return (await response.json()) as { id: number; status: string };
}

/** Runs the consumer test and writes `LoopWeb-LoopOrders.json` into `pactDir`. */
export async function runConsumerTest(pactDir: string): Promise<void> {
  const pact = new PactV3({ consumer: 'LoopWeb', provider: 'LoopOrders', dir: pactDir, logLevel: 'error' });
  pact
    .given('order 1 exists')
    .uponReceiving('a request for order 1')
    .withRequest({ method: 'GET', path: '/orders/1', headers: { Accept: 'application/json' } })
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: { id: MatchersV3.integer(1), status: MatchersV3.string('paid') },
    });
  await pact.executeTest(async (mockServer) => {
    const order = await fetchOrder(mockServer.url, 1);
    if (order.status !== 'paid') throw new Error(`unexpected order ${JSON.stringify(order)}`);
  });
}
