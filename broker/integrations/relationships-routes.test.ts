import { describe, expect, it } from 'vitest';
import { pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Expected answers from the Ruby broker (issue 14): lib/pact_broker/api/resources/relationships.rb, group.rb,
// decorators/relationships_csv_decorator.rb, groups/service.rb and spec/lib/pact_broker/api/resources/group_spec.rb.
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  async function publish(consumer: string, provider: string): Promise<void> {
    expect((await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1' }, pactDocument(consumer, provider)) })).status).toBe(200);
  }

  async function csv(path: string): Promise<{ status: number; type: string | null; text: string }> {
    const response = await t.request('GET', path, { headers: { accept: 'text/csv' } });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  /** Pacticipant ids by name, from the rows of a CSV answer (ids differ between databases). */
  function ids(text: string): Record<string, string> {
    return Object.fromEntries(text.trim().split('\n').map((line) => line.split(',')).map(([id = '', name = '']) => [name, id]));
  }

  describe('GET /relationships', () => {
    it('answers the CSV of the pairs with pacts: id,name,1,1,0,order then the consumed providers, padded with 0', async () => {
      await publish('Web', 'Orders');
      await publish('Web', 'Billing');
      await publish('Billing, Inc', 'Orders');
      const { status, type, text } = await csv('/relationships');
      expect(status).toBe(200);
      expect(type).toBe('text/csv;charset=utf-8');
      // Sorted by consumer then provider name: "Billing, Inc"->Orders, Web->Billing, Web->Orders.
      const lines = text.split('\n');
      const id = Object.fromEntries(lines.filter(Boolean).map((line) => [line.match(/^\d+,("[^"]*"|[^,]*)/)![1]!, line.split(',')[0]!]));
      expect(text).toBe(
        [
          `${id['"Billing, Inc"']},"Billing, Inc",1,1,0,1,${id.Orders},0`,
          `${id.Orders},Orders,1,1,0,2,0,0`,
          `${id.Web},Web,1,1,0,3,${id.Billing},${id.Orders}`,
          `${id.Billing},Billing,1,1,0,4,0,0`,
          '',
        ].join('\n'),
      );
    });

    it('answers an empty CSV when there are no pacts', async () => {
      expect(await csv('/relationships')).toEqual({ status: 200, type: 'text/csv;charset=utf-8', text: '' });
    });
  });

  describe('GET /groups/{pacticipant}', () => {
    it('answers the CSV of the integrations connected to the pacticipant, step by step', async () => {
      await publish('Web', 'Orders');
      await publish('Orders', 'Stock');
      await publish('Mobile', 'Profiles');
      const { status, type, text } = await csv('/groups/Stock');
      expect(status).toBe(200);
      expect(type).toBe('text/csv;charset=utf-8');
      const id = ids(text);
      expect(text).toBe(`${id.Web},Web,1,1,0,1,${id.Orders}\n${id.Orders},Orders,1,1,0,2,${id.Stock}\n${id.Stock},Stock,1,1,0,3,0\n`);
      // maxPacticipants stops widening once that many are connected.
      const limited = await csv('/groups/Stock?maxPacticipants=2');
      expect(limited.text).toBe(`${id.Orders},Orders,1,1,0,1,${id.Stock}\n${id.Stock},Stock,1,1,0,2,0\n`);
    });

    it('answers an empty body for a pacticipant without integrations, 404 for an unknown one', async () => {
      expect((await t.json('POST', '/pacticipants', { body: { name: 'Lonely' } })).status).toBe(201);
      expect(await csv('/groups/Lonely')).toEqual({ status: 200, type: 'text/csv;charset=utf-8', text: '' });
      expect((await csv('/groups/Nobody')).status).toBe(404);
    });
  });
});
