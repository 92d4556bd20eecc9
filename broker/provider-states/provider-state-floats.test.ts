import { describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

/** A specification 3 pact, as text, whose provider state params hold the floats 1.0 and 1.50 and the integer 2. */
const PACT_TEXT =
  '{"consumer":{"name":"Foo"},"provider":{"name":"Bar"},"interactions":[{"description":"an order",' +
  '"providerStates":[{"name":"an order exists","params":{"amount":1.0,"rate":1.50,"count":2}}],' +
  '"request":{"method":"GET","path":"/orders/1"},"response":{"status":200}}],"metadata":{"pactSpecification":{"version":"3.0.0"}}}';

// Team issue 14: the Ruby broker parses pact content with its json gem, so a Float param stays a Float and
// its provider-states answer (pacts/provider_state_service.rb, ProviderStatesDecorator) writes 1.0, not 1.
describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { scope: 'all' });

  async function publish(): Promise<void> {
    const body = {
      pacticipantName: 'Foo',
      pacticipantVersionNumber: '1',
      branch: 'main',
      contracts: [{ consumerName: 'Foo', providerName: 'Bar', specification: 'pact', contentType: 'application/json', content: Buffer.from(PACT_TEXT).toString('base64') }],
    };
    expect((await b.t.json('POST', '/contracts/publish', { body })).status).toBe(200);
  }

  describe('provider state params holding floats', () => {
    it('are answered as Ruby writes them: 1.0 and 1.5 stay floats, 2 an integer', async () => {
      await publish();
      const text = await (await b.t.request('GET', '/pacts/provider/Bar/provider-states')).text();
      expect(text).toBe('{"providerStates":[{"name":"an order exists","params":{"amount":1.0,"rate":1.5,"count":2},"consumers":["Foo"]}]}');
    });

    it('are printed so by pact-broker provider-states list --json', async () => {
      const { code, output } = await b.cli('provider-states', 'list', '--provider', 'Bar', '--json');
      expect(code, output).toBe(0);
      expect(output).toMatch(/"amount":\s*1\.0\b/);
      expect(output).toMatch(/"rate":\s*1\.5\b/);
    });
  });
});
