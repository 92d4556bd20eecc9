/**
 * `GET /doc/{rel}` (issue 14): the Ruby broker's relation docs as HTML. Expected answers from
 * spec/lib/pact_broker/doc/controllers/app_spec.rb and spec/lib/pact_broker/doc/coverage_spec.rb
 * ("has a document for each relation" of the index; an unknown relation is 200 there too).
 */
import { describe, expect, it } from 'vitest';
import { BASE, useTestBroker } from '../test-support/test-broker.js';
import { NO_DOCUMENTATION } from './doc-routes.js';

describe('GET /doc/{rel}', () => {
  const t = useTestBroker('sqlite', { scope: 'all' });

  const getDoc = async (path: string) => {
    const response = await t.request('GET', path, { headers: { accept: 'text/html' } });
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
  };

  it('documents every relation of the index, at the address its curie gives', async () => {
    const { body } = await t.json('GET', '/');
    const links = (body as { _links: Record<string, unknown> })._links;
    const curies = links.curies as { name: string; href: string }[];
    // The Ruby broker's relations; PactFlow's `pf:publish-provider-contract` (bi-directional contracts,
    // team issue 15) has no curie there and no doc here.
    const relations = Object.keys(links).filter((rel) => rel.startsWith('pb:'));
    expect(relations.length).toBeGreaterThan(30);
    const undocumented: string[] = [];
    for (const relation of relations) {
      const [prefix = '', name = ''] = relation.split(':', 2);
      const curie = curies.find((candidate) => candidate.name === prefix);
      expect(curie?.href).toBe(`${BASE}/doc/{rel}?context=index`);
      const doc = await getDoc(curie!.href.replace(BASE, '').replace('{rel}', name));
      expect(doc.contentType).toMatch(/^text\/html/);
      if (doc.status !== 200 || doc.body.includes(NO_DOCUMENTATION)) undocumented.push(relation);
    }
    expect(undocumented).toEqual([]);
  });

  it('answers the docs as HTML, a context folder first, then the plain view and the Ruby mappings', async () => {
    const webhooks = await getDoc('/doc/webhooks');
    expect(webhooks).toMatchObject({ status: 200, contentType: 'text/html; charset=UTF-8' });
    expect(webhooks.body).toContain('<html>');
    expect(webhooks.body).toContain('<h1>Webhooks</h1>');
    expect(webhooks.body).toContain('<a name="whitelist"></a>'); // the anchor the whitelist errors point at
    expect((await getDoc('/doc/diff?context=pact')).body).toContain('<h1>Diff between two pact versions</h1>');
    expect((await getDoc('/doc/publish-pact?context=index')).body).toContain('<h1>Publish a pact</h1>');
    expect((await getDoc('/doc/webhooks?context=index')).body).toContain('<h1>Webhooks</h1>'); // no index/webhooks: the plain view
    expect((await getDoc('/doc/webhooks-create')).body).toContain('<h1>Webhooks</h1>'); // the webhooks resource's curie
    const bodyOf = async (path: string) => (await getDoc(path)).body.split('<body>')[1];
    expect(await bodyOf('/doc/pacticipant?context=index')).toBe(await bodyOf('/doc/pacticipants?context=index'));
  });

  it("links the other docs under the broker's base URL, the gateway's prefix kept", async () => {
    const response = await t.request('GET', '/doc/webhooks', { headers: { accept: 'text/html', 'x-forwarded-prefix': '/t/acme' } });
    expect(await response.text()).toContain(`<a href="${BASE}/t/acme/doc/label?context=pacticipant">`);
  });

  it.each([['/doc/does-not-exist?context=index'], ['/doc/blah'], ['/doc/constructor'], ['/doc/not_found'], ['/doc/__proto__?context=index']])(
    'answers %s with the Ruby broker\'s "no documentation" text and 200',
    async (path) => {
      const doc = await getDoc(path);
      expect(doc.status).toBe(200);
      expect(doc.contentType).toMatch(/^text\/html/);
      expect(doc.body).toContain(`<p>${NO_DOCUMENTATION}</p>`);
    },
  );
});
