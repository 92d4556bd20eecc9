import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Expected answers from the Ruby broker (issue 14): lib/pact_broker/api/resources/integrations.rb, integration.rb,
// decorators/integration_decorator.rb, integrations_decorator.rb, renderers/integrations_dot_renderer.rb,
// integrations/service.rb#delete and spec/features/{get_integrations,get_integrations_dot_file,delete_integration}_spec.rb.
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  async function publish(consumer: string, provider: string, version = '1'): Promise<void> {
    const { status } = await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: version }, pactDocument(consumer, provider)) });
    expect(status).toBe(200);
    // Distinct contract_data_updated_at values, so the order of the list is the order of publication.
    await sleep(5);
  }

  /** Publishes a successful verification result of the latest pact, by provider version 7. */
  async function verify(consumer: string, provider: string): Promise<void> {
    const pact = await t.json('GET', `/pacts/provider/${provider}/consumer/${consumer}/latest`);
    const resultsPath = (dig(pact.body, '_links', 'pb:publish-verification-results', 'href') as string).slice(BASE.length);
    expect((await t.json('POST', resultsPath, { body: { success: true, providerApplicationVersion: '7' } })).status).toBe(201);
  }

  const names = (body: unknown) => (dig(body, '_embedded', 'integrations') as { consumer: { name: string }; provider: { name: string } }[]).map((i) => `${i.consumer.name}->${i.provider.name}`);

  describe('GET /integrations', () => {
    it('lists the integrations as HAL, most recently published first, with the links and titles of integration_decorator.rb', async () => {
      await publish('Foo', 'Bar');
      await publish('Apple Pie', 'Pear');
      const { status, headers, body } = await t.json('GET', '/integrations');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(names(body)).toEqual(['Apple Pie->Pear', 'Foo->Bar']);
      expect(dig(body, '_embedded', 'integrations', 0)).toEqual({
        consumer: { name: 'Apple Pie' },
        provider: { name: 'Pear' },
        _links: {
          'pb:dashboard': { title: 'BETA: Pacts to show on the dashboard', href: `${BASE}/dashboard/provider/Pear/consumer/Apple%20Pie` },
          'pb:matrix': { title: 'Matrix of pacts/verification results for Apple Pie and Pear', href: `${BASE}/matrix/provider/Pear/consumer/Apple%20Pie` },
          'pb:group': { href: `${BASE}/pacticipants/Apple%20Pie` },
          'pb:delete_integration': { title: 'Delete the integration between Apple Pie and Pear', href: `${BASE}/integrations/provider/Pear/consumer/Apple%20Pie` },
        },
      });
      expect(dig(body, '_links')).toEqual({ self: { href: `${BASE}/integrations`, title: 'All integrations' } });
      expect(dig(body, 'page')).toBeUndefined();
      await publish('Foo', 'Bar', '2');
      expect(names((await t.json('GET', '/integrations')).body)).toEqual(['Foo->Bar', 'Apple Pie->Pear']);
    });

    it('puts an integration first when a verification result is published for it (RB integrations/event_listener.rb)', async () => {
      await publish('Foo', 'Bar');
      await publish('Apple', 'Pear');
      await verify('Foo', 'Bar');
      expect(names((await t.json('GET', '/integrations')).body)).toEqual(['Foo->Bar', 'Apple->Pear']);
    });

    it('filters by a part of the consumer or provider name with q, ignoring case', async () => {
      for (const [consumer, provider] of [['Foo', 'Bar'], ['Apple', 'Pear'], ['Dog', 'Cat']] as const) await publish(consumer, provider);
      const filtered = async (q: string) => names((await t.json('GET', `/integrations?q=${q}`)).body).sort();
      expect(await filtered('pp')).toEqual(['Apple->Pear']);
      expect(await filtered('O')).toEqual(['Dog->Cat', 'Foo->Bar']);
      expect(await filtered('e')).toEqual(['Apple->Pear']);
      expect(await filtered('x')).toEqual([]);
      expect(await filtered('%25')).toEqual([]);
    });

    it('pages on request (pagination_links.rb)', async () => {
      for (const consumer of ['A', 'B', 'C']) await publish(consumer, 'P');
      const { body } = await t.json('GET', '/integrations?size=2&page=1');
      expect(names(body)).toEqual(['C->P', 'B->P']);
      expect(dig(body, 'page')).toEqual({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
      expect(dig(body, '_links', 'next')).toEqual({ href: `${BASE}/integrations?size=2&page=2`, title: 'Next page' });
    });

    it('answers the dot graph for text/vnd.graphviz, and for no Accept header or a wildcard (the first type integrations.rb provides)', async () => {
      await publish('Foo', 'Bar');
      await publish('Wiffle', 'Foo Thing');
      const expected = 'digraph { ranksep=3; ratio=auto; overlap=false; node [  shape = plaintext, fontname = Helvetica ];\n  Wiffle -> Foo_Thing\n  Foo -> Bar\n}\n';
      for (const accept of ['text/vnd.graphviz', '*/*']) {
        const response = await t.request('GET', '/integrations', { headers: { accept } });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/vnd.graphviz;charset=utf-8');
        expect(await response.text()).toBe(expected);
      }
      const preferred = await t.request('GET', '/integrations', { headers: { accept: 'text/vnd.graphviz;q=0.5, application/hal+json' } });
      expect(preferred.headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
    });
  });

  describe('/integrations/provider/{p}/consumer/{c}', () => {
    it('answers 405 to GET: integration.rb allows only DELETE', async () => {
      await publish('Foo', 'Bar');
      const response = await t.request('GET', '/integrations/provider/Bar/consumer/Foo');
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toContain('DELETE');
    });

    it('DELETE answers 404 when the consumer or provider does not exist', async () => {
      await publish('Foo', 'Bar');
      expect((await t.request('DELETE', '/integrations/provider/Bar/consumer/Nobody')).status).toBe(404);
      expect((await t.request('DELETE', '/integrations/provider/Nobody/consumer/Foo')).status).toBe(404);
    });

    it('DELETE removes the pacts, verifications and webhooks of the pair, orphan versions and pacticipants, and keeps the rest', async () => {
      await publish('Foo', 'Bar');
      await publish('Foo', 'Baz');
      await verify('Foo', 'Bar');
      const request = { method: 'POST', url: 'https://ci.example/hook' };
      const pairHook = await t.json('POST', '/webhooks', { body: { consumer: { name: 'Foo' }, provider: { name: 'Bar' }, request } });
      const otherHook = await t.json('POST', '/webhooks', { body: { consumer: { name: 'Foo' }, provider: { name: 'Baz' }, request } });
      expect([pairHook.status, otherHook.status]).toEqual([201, 201]);

      const response = await t.request('DELETE', '/integrations/provider/Bar/consumer/Foo');
      expect(response.status).toBe(204);

      expect((await t.json('GET', '/pacts/provider/Bar/consumer/Foo/latest')).status).toBe(404);
      expect((await t.json('GET', `/webhooks/${dig(pairHook.body, 'uuid') as string}`)).status).toBe(404);
      expect((await t.json('GET', `/webhooks/${dig(otherHook.body, 'uuid') as string}`)).status).toBe(200);
      // Bar's only version was the verifying one; with the verification gone, it and Bar go (delete_orphan_versions, delete_if_orphan).
      expect((await t.json('GET', '/pacticipants/Bar')).status).toBe(404);
      // Foo 1 still has its pact with Baz.
      expect((await t.json('GET', '/pacticipants/Foo/versions/1')).status).toBe(200);
      expect((await t.json('GET', '/pacts/provider/Baz/consumer/Foo/latest')).status).toBe(200);
      expect(names((await t.json('GET', '/integrations')).body)).toEqual(['Foo->Baz']);
    });

    it('DELETE of the last integration of a consumer removes its versions and the consumer too', async () => {
      await publish('Foo', 'Bar');
      expect((await t.request('DELETE', '/integrations/provider/Bar/consumer/Foo')).status).toBe(204);
      expect((await t.json('GET', '/pacticipants/Foo')).status).toBe(404);
      expect(dig((await t.json('GET', '/pacticipants')).body, '_embedded', 'pacticipants')).toEqual([]);
    });
  });

  describe('DELETE /integrations', () => {
    it('deletes every pacticipant with its data and every webhook (integrations/service.rb#delete_all); environments stay', async () => {
      await publish('Foo', 'Bar');
      expect((await t.json('POST', '/webhooks', { body: { request: { method: 'POST', url: 'https://ci.example/hook' } } })).status).toBe(201);
      expect((await t.json('POST', '/environments', { body: { name: 'test', production: false } })).status).toBe(201);
      expect((await t.request('DELETE', '/integrations')).status).toBe(204);
      expect(dig((await t.json('GET', '/pacticipants')).body, '_embedded', 'pacticipants')).toEqual([]);
      expect(dig((await t.json('GET', '/webhooks')).body, '_links', 'pb:webhooks')).toEqual([]);
      expect(names((await t.json('GET', '/integrations')).body)).toEqual([]);
      expect((dig((await t.json('GET', '/environments')).body, '_embedded', 'environments') as unknown[]).length).toBe(1);
    });
  });
});
