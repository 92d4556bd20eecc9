import { describe, expect, it } from 'vitest';
import { BASE, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });

  describe('GET /', () => {
    it('lists every relation of the Ruby broker index as absolute links', async () => {
      const { status, headers, body } = await t.json('GET', '/');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const links = (body as { _links: Record<string, { href: string; templated?: boolean; title?: string }> })._links;
      // The Ruby broker's 36, and PactFlow's pf:publish-provider-contract (issue 15).
      expect(Object.keys(links)).toHaveLength(37);
      expect(links.self).toEqual({ href: BASE, title: 'Index', templated: false });
      expect(links['pb:publish-contracts']).toEqual({ href: `${BASE}/contracts/publish`, title: 'Publish contracts', templated: false });
      expect(links['pb:pacticipant']).toMatchObject({ href: `${BASE}/pacticipants/{pacticipant}`, templated: true });
      expect(links['pb:tagged-pact-versions']?.templated).toBe(false);
      expect(links['pb:metrics']).toEqual({ href: `${BASE}/metrics`, title: 'Get Pact Broker metrics' });
      expect(links['beta:provider-pacts-for-verification']).toMatchObject({ name: 'beta', templated: true });
      for (const relation of ['pb:latest-pact-versions', 'pb:latest-provider-pacts', 'pb:provider-pacts-for-verification', 'pb:environments', 'pb:webhook', 'pb:pacticipant-branch']) {
        expect(links[relation]?.href.startsWith(BASE)).toBe(true);
      }
    });

    it('links each request to its own base URL, also after the index was answered for another', async () => {
      const hrefOf = async (headers: Record<string, string>) => ((await t.json('GET', '/', { headers })).body as { _links: { self: { href: string } } })._links.self.href;
      expect(await hrefOf({})).toBe(BASE);
      expect(await hrefOf({ 'x-forwarded-host': 'broker.example', 'x-forwarded-proto': 'https' })).toBe('https://broker.example');
      expect(await hrefOf({ 'x-forwarded-host': 'other.example', 'x-forwarded-prefix': '/tenant' })).toBe('http://other.example/tenant');
      expect(await hrefOf({})).toBe(BASE);
    });
  });
});
