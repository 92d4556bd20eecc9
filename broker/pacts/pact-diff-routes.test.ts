import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

/** The Ruby broker's spec/fixtures/consumer-provider.json, with the first request's method given. */
function consumerProviderPact(method: string): Record<string, unknown> {
  return {
    consumer: { name: 'Consumer' },
    provider: { name: 'Provider' },
    interactions: [
      {
        description: 'a request for something',
        providerState: null,
        request: { method, path: '/something', headers: { 'Content-Type': 'application/json' } },
        response: { status: 200, body: 'something' },
      },
    ],
  };
}

// Expected answers: the Ruby broker's spec/features/get_diff_spec.rb, spec/lib/pact_broker/pacts/diff_spec.rb
// (the same history: versions 1 `post`, 2 and 3 `get`), pacts/diff.rb and previous_distinct_pact_version.rb (team issue 14).
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);
  const INTEGRATION = '/pacts/provider/Provider/consumer/Consumer';

  beforeEach(async () => {
    for (const [version, method] of [['1', 'post'], ['2', 'get'], ['3', 'get']] as const) {
      expect((await t.request('PUT', `${INTEGRATION}/version/${version}`, { body: consumerProviderPact(method) })).status).toBe(201);
    }
  });

  const DIFF_3_WITH_1 = [
    /^# Diff between versions 1 and 3 of the pact between Consumer and Provider\n\n/,
    /The following changes were made less than a minute ago \(\w{3} \d\d \w{3} \d{4}, \d{1,2}:\d\d[ap]m \+00:00\)\n\n/,
    '   "interactions": [\n     {\n       "request": {\n-        "method": "post"\n+        "method": "get"\n       }\n     }\n   ]\n\n',
    `## Links\n\npact-version:\n  title: Pact\n  name: Pact between Consumer (3) and Provider\n  href: ${BASE}${INTEGRATION}/version/3\n`,
    `comparison-pact-version:\n  title: Pact\n  name: Pact between Consumer (1) and Provider\n  href: ${BASE}${INTEGRATION}/version/1\n`,
    /$/,
  ];

  function expectDiffText(text: string, parts: (string | RegExp)[]) {
    const pattern = parts.map((part) => (typeof part === 'string' ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : part.source)).join('');
    expect(text).toMatch(new RegExp(pattern));
  }

  describe('GET …/version/{v}/diff/previous-distinct', () => {
    it('answers the diff with the previous distinct version as text', async () => {
      const response = await t.request('GET', `${INTEGRATION}/version/3/diff/previous-distinct`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain;charset=utf-8');
      const text = await response.text();
      expect(text).toContain('"method": "post"');
      expect(text).toContain('"method": "get"');
      expectDiffText(text, DIFF_3_WITH_1);
    });

    it('is the pact’s pb:diff-previous-distinct link', async () => {
      const pact = await t.json('GET', `${INTEGRATION}/version/3`);
      const href = dig(pact.body, '_links', 'pb:diff-previous-distinct', 'href') as string;
      expect(href).toBe(`${BASE}${INTEGRATION}/version/3/diff/previous-distinct`);
      expect(await (await t.request('GET', href.slice(BASE.length))).text()).toContain('"method": "post"');
    });

    it('says so when there is no previous distinct version', async () => {
      const response = await t.request('GET', `${INTEGRATION}/version/1/diff/previous-distinct`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('No previous distinct version was found for Pact between Consumer (1) and Provider');
    });

    it('answers 404 for a version without a pact', async () => {
      expect((await t.request('GET', `${INTEGRATION}/version/9/diff/previous-distinct`)).status).toBe(404);
      expect((await t.request('GET', `${INTEGRATION}/versions/1/diff/previous-distinct`)).status).toBe(404);
    });
  });

  describe('GET …/version/{v}/diff/version/{v2} and …/pact-version/{sha}/diff/pact-version/{sha2}', () => {
    it('diffs with the named consumer version', async () => {
      const text = await (await t.request('GET', `${INTEGRATION}/version/3/diff/version/1`)).text();
      expectDiffText(text, DIFF_3_WITH_1);
    });

    it('diffs with the named content version (the pb:diff template)', async () => {
      const sha = async (version: string) => dig((await t.json('GET', `${INTEGRATION}/version/${version}`)).body, '_links', 'pb:pact-version', 'name') as string;
      const pact = await t.json('GET', `${INTEGRATION}/version/3`);
      const template = dig(pact.body, '_links', 'pb:diff', 'href') as string;
      const href = template.replace('{pactVersion}', await sha('1'));
      const text = await (await t.request('GET', href.slice(BASE.length))).text();
      // By content, the Ruby broker names the latest consumer version of each content.
      expect(text).toMatch(/^# Diff between versions 1 and 3 of the pact between Consumer and Provider/);
      expect(text).toContain('-        "method": "post"\n+        "method": "get"');
      expect(href).toBe(`${BASE}${INTEGRATION}/pact-version/${await sha('3')}/diff/pact-version/${await sha('1')}`);
    });

    it('says there is no previous version when the comparison does not exist', async () => {
      expect(await (await t.request('GET', `${INTEGRATION}/version/3/diff/version/9`)).text()).toBe(
        'No previous distinct version was found for Pact between Consumer (3) and Provider',
      );
    });
  });

  describe('GET …/version/{v}/previous-distinct', () => {
    it('answers the previous distinct pact, decorated', async () => {
      const { status, body } = await t.json('GET', `${INTEGRATION}/version/3/previous-distinct`);
      expect(status).toBe(200);
      expect(dig(body, 'interactions', 0, 'request', 'method')).toBe('post');
      expect(dig(body, '_links', 'self', 'href')).toBe(`${BASE}${INTEGRATION}/version/1`);
    });

    it('answers 404 when there is none', async () => {
      expect((await t.request('GET', `${INTEGRATION}/version/1/previous-distinct`)).status).toBe(404);
    });
  });
});
