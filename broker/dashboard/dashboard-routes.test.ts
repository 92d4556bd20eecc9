import { beforeEach, describe, expect, it } from 'vitest';
import { createEnvironment } from '../test-support/environments.js';
import { publishPact } from '../test-support/provider-pacts-fixture.js';
import { BASE, dig, type TestBroker, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

/**
 * The small history of team issue 14: Foo 1 and 2 on main (2 tagged dev), Foo 1 verified by Bar b1
 * (on main, tagged dev) after Foo 2 was published, Foo 1 deployed to production.
 */
async function seedSmallHistory(t: TestBroker): Promise<void> {
  await publishPact(t, { consumer: 'Foo', version: '1', provider: 'Bar', branch: 'main' });
  await publishPact(t, { consumer: 'Foo', version: '2', provider: 'Bar', branch: 'main', tags: ['dev'] });
  const pact = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1');
  const href = String(dig(pact.body, '_links', 'pb:publish-verification-results', 'href')).slice(BASE.length);
  expect((await t.json('POST', href, { body: { success: true, providerApplicationVersion: 'b1' } })).status).toBe(201);
  expect((await t.json('PUT', '/pacticipants/Bar/branches/main/versions/b1', { body: {} })).status).toBe(201);
  expect((await t.json('PUT', '/pacticipants/Bar/versions/b1/tags/dev', { body: {} })).status).toBe(201);
  const production = await createEnvironment(t, 'production');
  expect((await t.json('POST', `/pacticipants/Foo/versions/1/deployed-versions/environment/${production}`, { body: {} })).status).toBe(201);
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  // RB dashboard_decorator.rb, index/service.rb#find_index_items_for_api, pseudo_branch_status.rb.
  describe('GET /dashboard', () => {
    beforeEach(() => seedSmallHistory(t));

    it('shows the latest pact, the tag heads and the deployed pacts, most recent activity first', async () => {
      const { status, headers, body } = await t.json('GET', '/dashboard');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const webhookStatus = { 'pb:webhook-status': { title: 'Status of webhooks for Foo/Bar pact', href: `${BASE}/pacts/provider/Bar/consumer/Foo/webhooks/status` } };
      const consumerLinks = { self: { href: `${BASE}/pacticipants/Foo` } };
      const providerLinks = { self: { href: `${BASE}/pacticipants/Bar` } };
      expect(body).toEqual({
        items: [
          {
            // Foo 1 is only on the dashboard because it is deployed; its verification is the latest activity.
            consumer: {
              name: 'Foo',
              version: { number: '1', branch: null, headBranchNames: [], _links: { self: { href: `${BASE}/pacticipants/Foo/versions/1` } } },
              _links: consumerLinks,
            },
            provider: { name: 'Bar', version: { number: 'b1', branch: 'main', headBranchNames: ['main'] }, _links: providerLinks },
            pact: { createdAt: expect.stringMatching(ISO), _links: { self: { href: `${BASE}/pacts/provider/Bar/consumer/Foo/version/1` } } },
            pactTags: [],
            latestVerificationResult: {
              success: true,
              verifiedAt: expect.stringMatching(ISO),
              _links: { self: { href: `${BASE}/pacts/provider/Bar/consumer/Foo/version/1/verification-results/latest` } },
            },
            latestVerificationResultTags: [{ name: 'dev', latest: true, _links: { self: { href: `${BASE}/pacticipants/Bar/versions/b1/tags/dev` } } }],
            verificationStatus: 'success',
            webhookStatus: 'none',
            latestWebhookExecution: null,
            _links: webhookStatus,
          },
          {
            consumer: {
              name: 'Foo',
              version: { number: '2', branch: 'main', headBranchNames: ['main'], _links: { self: { href: `${BASE}/pacticipants/Foo/versions/2` } } },
              _links: consumerLinks,
            },
            provider: { name: 'Bar', version: null, _links: providerLinks },
            pact: { createdAt: expect.stringMatching(ISO), _links: { self: { href: `${BASE}/pacts/provider/Bar/consumer/Foo/version/2` } } },
            pactTags: [{ name: 'dev', latest: true, _links: { self: { href: `${BASE}/pacticipants/Foo/versions/2/tags/dev` } } }],
            latestVerificationResult: null,
            latestVerificationResultTags: [],
            verificationStatus: 'never',
            webhookStatus: 'none',
            latestWebhookExecution: null,
            _links: webhookStatus,
          },
        ],
      });
    });

    it('links resources that exist', async () => {
      const [item] = ((await t.json('GET', '/dashboard')).body as { items: unknown[] }).items;
      const hrefs = [
        dig(item, 'latestVerificationResult', '_links', 'self', 'href'),
        dig(item, 'latestVerificationResultTags', 0, '_links', 'self', 'href'),
        dig(item, 'consumer', 'version', '_links', 'self', 'href'),
        dig(item, 'pact', '_links', 'self', 'href'),
        dig(item, '_links', 'pb:webhook-status', 'href'),
      ].map(String);
      for (const href of hrefs) expect([href, (await t.request('GET', href.slice(BASE.length))).status]).toEqual([href, 200]);
    });

    it('answers text/plain as a table in the index order (RB dashboard_text_decorator.rb, table_print)', async () => {
      const response = await t.request('GET', '/dashboard', { headers: { accept: 'text/plain' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain;charset=utf-8');
      // HAL is the first type it provides: a bare wildcard or no Accept header gets the JSON.
      for (const accept of ['*/*', '']) {
        expect((await t.request('GET', '/dashboard', { headers: { accept } })).headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      }
      expect(await response.text()).toBe(
        [
          'CONSUMER_NAME | C_VERSION | C_TAGS | PROVIDER_NAME | P_VERSION | P_TAGS | SUCCESS',
          '--------------|-----------|--------|---------------|-----------|--------|--------',
          'Foo           | 2         | dev    | Bar           |           |        | never  ',
          'Foo           | 1         |        | Bar           | b1        | dev    | success',
          '',
        ].join('\n'),
      );
    });

    it('keeps the latest pact of each consumer tag and pages in the index order', async () => {
      await publishPact(t, { consumer: 'Foo', version: '3', provider: 'Bar', branch: 'main', tags: ['prod'] });
      await publishPact(t, { consumer: 'Foo', version: '4', provider: 'Bar', branch: 'main' });
      const numbers = async (query: string) =>
        ((await t.json('GET', `/dashboard${query}`)).body as { items: unknown[] }).items.map((item) => dig(item, 'consumer', 'version', 'number'));
      expect((await numbers('')).sort()).toEqual(['1', '2', '3', '4']);
      // A page of the index order (newest consumer version first), then sorted by activity.
      expect(await numbers('?size=1&page=2')).toEqual(['3']);
      expect(await numbers('?pageSize=2')).toEqual(['4', '3']);
      expect((await t.json('GET', '/dashboard?page=0')).status).toBe(400);
    });

    it('shows one integration at /dashboard/provider/{p}/consumer/{c}', async () => {
      await publishPact(t, { consumer: 'Foo', version: '9', provider: 'Other', branch: 'main' });
      expect(((await t.json('GET', '/dashboard')).body as { items: unknown[] }).items).toHaveLength(3);
      const { status, body } = await t.json('GET', '/dashboard/provider/Bar/consumer/Foo');
      expect(status).toBe(200);
      expect(body).toEqual({ items: ((await t.json('GET', '/dashboard')).body as { items: unknown[] }).items.filter((item) => dig(item, 'provider', 'name') === 'Bar') });
    });

    it('answers 500 naming a pacticipant that does not exist, as the Ruby broker does (find_by_name! raises PactBroker::Error)', async () => {
      const { status, body } = await t.json('GET', '/dashboard/provider/Nobody/consumer/Foo');
      expect(status).toBe(500);
      expect(body).toEqual({ error: { message: "No pacticipant found with name 'Nobody'", reference: expect.stringMatching(/^[a-zA-Z]{10}$/) } });
      expect((await t.request('POST', '/dashboard')).status).toBe(405);
    });
  });
});
