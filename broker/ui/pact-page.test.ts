import { describe, expect, it } from 'vitest';
import { BASE, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const LATEST = '/pacts/provider/Bar/consumer/Foo/latest';
const VERSION_1 = '/pacts/provider/Bar/consumer/Foo/version/1';

/** A V2 pact whose first interaction has everything a page can show. */
function detailedPact(): Record<string, unknown> {
  return {
    consumer: { name: 'Foo' },
    provider: { name: 'Bar' },
    interactions: [
      {
        description: 'a request to create a thing',
        providerState: 'no thing exists',
        request: { method: 'post', path: '/things', query: 'dry=true', headers: { 'Content-Type': 'application/json' }, body: { name: 'thing' } },
        response: { status: 201, headers: { Location: '/things/1' }, body: { id: 1 } },
      },
      { description: '<script>alert("owned")</script> & more', request: { method: 'GET', path: '/' }, response: { status: 200 } },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  async function publish(version: string, pact: Record<string, unknown>): Promise<void> {
    const { status } = await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: version }, pact) });
    expect(status).toBe(200);
  }

  async function page(path: string): Promise<{ status: number; contentType: string | null; html: string }> {
    const response = await t.request('GET', path, { headers: { accept: BROWSER_ACCEPT } });
    return { status: response.status, contentType: response.headers.get('content-type'), html: await response.text() };
  }

  describe('the latest pact from a browser', () => {
    it('shows who, which version, when, and every interaction with its request and response', async () => {
      await publish('1', detailedPact());
      const { status, contentType, html } = await page(LATEST);
      expect(status).toBe(200);
      expect(contentType).toMatch(/^text\/html/);
      expect(html).toContain('<title>Pact between Foo and Bar</title>');
      expect(html).toContain('<h1>Pact between Foo and Bar</h1>');
      expect(html).toContain('<dt>Foo version</dt><dd class="consumer-version">1</dd>');
      expect(html).toMatch(/<dt>Date published<\/dt><dd class="published"><time datetime="[^"]+" title="[^"]+">less than a minute ago<\/time>/);
      expect(html.match(/<li class="interaction"/g)).toHaveLength(2);
      expect(html).toContain('<h3 class="description">a request to create a thing</h3>');
      expect(html).toContain('Given <strong>no thing exists</strong>');
      expect(html).toContain('<code class="request-line">POST /things?dry=true</code>');
      expect(html).toContain('<th>Content-Type</th><td><code>application/json</code></td>');
      expect(html).toContain('{\n  &quot;name&quot;: &quot;thing&quot;\n}');
      expect(html).toContain('<code class="response-status">201</code>');
      expect(html).toContain('<th>Location</th><td><code>/things/1</code></td>');
      expect(html).toContain('{\n  &quot;id&quot;: 1\n}');
    });

    it('escapes HTML in what the consumer wrote', async () => {
      await publish('1', detailedPact());
      const { html } = await page(LATEST);
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('<h3 class="description">&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; more</h3>');
    });

    it('links the raw JSON of the same URL, the permanent version URL, the HAL index and the index page', async () => {
      await publish('1', detailedPact());
      const { html } = await page(LATEST);
      expect(html).toContain(`<a class="json-link" href="${BASE}${LATEST}?format=json">`);
      expect(html).toContain(`<a class="version-link" href="${BASE}${VERSION_1}">`);
      expect(html).toContain(`href="${BASE}/?format=json"`);
      expect(html).toContain(`href="${BASE}/"`);
    });

    it('lists the descriptions of a message pact', async () => {
      const messages = [
        { description: 'an order created event', providerStates: [{ name: 'an order exists', params: { id: 7 } }], contents: { id: 7 }, metadata: { topic: 'orders' } },
        { description: 'an order cancelled event', contents: { id: 8 } },
      ];
      await publish('1', { consumer: { name: 'Foo' }, provider: { name: 'Bar' }, messages, metadata: { pactSpecification: { version: '3.0.0' } } });
      const { html } = await page(LATEST);
      expect(html.match(/<li class="interaction"[^>]*data-kind="message"/g)).toHaveLength(2);
      expect(html).toContain('<h3 class="description">an order created event</h3>');
      expect(html).toContain('<h3 class="description">an order cancelled event</h3>');
      expect(html).toContain('Given <strong>an order exists {&quot;id&quot;:7}</strong>');
      expect(html).toContain('&quot;topic&quot;: &quot;orders&quot;');
    });
  });

  describe('a version of a pact from a browser', () => {
    it('shows that version, not the latest, and links its own raw JSON', async () => {
      await publish('1', detailedPact());
      await publish('2', pactDocument('Foo', 'Bar', ['a later request']));
      const { status, html } = await page(VERSION_1);
      expect(status).toBe(200);
      expect(html).toContain('<dd class="consumer-version">1</dd>');
      expect(html).toContain('a request to create a thing');
      expect(html).not.toContain('a later request');
      expect(html).toContain(`<a class="json-link" href="${BASE}${VERSION_1}?format=json">`);
      expect(html).not.toContain('class="version-link"');
    });

    it('answers 404 with a page when there is no such pact', async () => {
      await publish('1', detailedPact());
      const { status, contentType, html } = await page('/pacts/provider/Bar/consumer/Foo/version/9');
      expect(status).toBe(404);
      expect(contentType).toMatch(/^text\/html/);
      expect(html).toContain('No pact between Foo and Bar was found.');
    });
  });

  describe('API clients', () => {
    it('get the pact JSON as before on both URLs', async () => {
      await publish('1', detailedPact());
      for (const accept of ['application/hal+json, application/json', 'application/hal+json', '*/*', 'application/json']) {
        for (const path of [LATEST, VERSION_1]) {
          const response = await t.request('GET', path, { headers: { accept } });
          expect(response.headers.get('content-type'), `${accept} ${path}`).toBe('application/hal+json;charset=utf-8');
          expect((JSON.parse(await response.text()) as { consumer: unknown }).consumer).toEqual({ name: 'Foo' });
        }
      }
      const latest = await t.request('GET', LATEST, { headers: { accept: '*/*' } });
      expect(latest.headers.get('x-pact-consumer-version')).toBe('1');
    });

    it('get the same JSON in a browser with ?format=json, labelled application/json', async () => {
      await publish('1', detailedPact());
      for (const path of [LATEST, VERSION_1]) {
        const expected = JSON.parse(await (await t.request('GET', path)).text()) as unknown;
        const { status, contentType, html } = await page(`${path}?format=json`);
        expect(status).toBe(200);
        expect(contentType).toBe('application/json;charset=utf-8');
        expect(JSON.parse(html)).toEqual(expected);
      }
    });
  });
});
