import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { decodeMetadata } from './pact-metadata.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  const PACT_PATH = '/pacts/provider/Bar/consumer/Foo/version/1.0.0';
  const NOT_FOUND = { error: 'The requested document was not found on this server.' };

  describe('PUT /pacts/provider/{p}/consumer/{c}/version/{v}', () => {
    it('creates with 201, answers 200 for the same content, and stores content with interaction ids', async () => {
      const created = await t.json('PUT', PACT_PATH, { body: pactDocument() });
      expect(created.status).toBe(201);
      expect(dig(created.body, 'interactions', 0, '_id')).toMatch(/^[0-9a-f]{40}$/);
      expect(dig(created.body, '_links', 'self', 'href')).toBe(`${BASE}${PACT_PATH}`);
      const again = await t.json('PUT', PACT_PATH, { body: pactDocument() });
      expect(again.status).toBe(200);
      expect(dig(again.body, '_links', 'pb:pact-version', 'name')).toBe(dig(created.body, '_links', 'pb:pact-version', 'name'));
    });

    it('refuses changed content with 409', async () => {
      await t.json('PUT', PACT_PATH, { body: pactDocument() });
      const { status, headers, body } = await t.json('PUT', PACT_PATH, { body: pactDocument('Foo', 'Bar', ['changed']) });
      expect(status).toBe(409);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(String(dig(body, 'error'))).toMatch(/^Cannot change the content of the pact for Foo version 1.0.0 and provider Bar, as race conditions/);
    });

    it('refuses names in the pact that differ from the path with 400', async () => {
      const { status, body } = await t.json('PUT', PACT_PATH, { body: pactDocument('Other', 'Bar') });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { 'consumer.name': ["name in pact 'Other' does not match name in URL path 'Foo'."] } });
      expect((await t.request('GET', '/pacticipants/Foo')).status).toBe(404);
    });

    it('refuses a probable duplicate name with 409 as text', async () => {
      await t.json('PUT', PACT_PATH, { body: pactDocument() });
      const response = await t.request('PUT', '/pacts/provider/BarService/consumer/Foo/version/2', { body: pactDocument('Foo', 'BarService') });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toBe('text/plain');
      expect(await response.text()).toContain('The name "BarService" is very similar to the following existing pacticipants:\n* Bar');
    });

    it.each([
      ['a body that is not JSON', 'text/plain', '{}', 415],
      ['malformed JSON', 'application/json', '{', 400],
      ['an empty body', 'application/json', '', 400],
    ])('refuses %s', async (_, contentType, body, status) => {
      const response = await t.request('PUT', PACT_PATH, { body, headers: { 'content-type': contentType } });
      expect(response.status).toBe(status);
    });
  });

  describe('DELETE /pacts/provider/{p}/consumer/{c}/version/{v}', () => {
    it('deletes every revision and links to the latest pact left', async () => {
      await t.json('PUT', '/pacts/provider/Bar/consumer/Foo/version/0.9.0', { body: pactDocument() });
      await t.json('PUT', PACT_PATH, { body: pactDocument('Foo', 'Bar', ['newer']) });
      const { status, body } = await t.json('DELETE', PACT_PATH);
      expect(status).toBe(200);
      expect(body).toEqual({
        _links: { index: { href: BASE }, 'pb:latest-pact-version': { href: `${BASE}/pacts/provider/Bar/consumer/Foo/latest`, title: 'Latest pact' } },
      });
      expect((await t.json('GET', PACT_PATH)).body).toEqual(NOT_FOUND);
      expect((await t.request('GET', '/pacts/provider/Bar/consumer/Foo/latest')).headers.get('x-pact-consumer-version')).toBe('0.9.0');
    });

    it('answers 404 for a pact that does not exist', async () => {
      expect((await t.request('DELETE', PACT_PATH)).status).toBe(404);
    });
  });

  describe('reading pacts', () => {
    beforeEach(async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1', branch: 'feat/x', tags: ['prod'] }) });
      await t.json('POST', '/contracts/publish', {
        body: publishBody({ pacticipantVersionNumber: '2', branch: 'main', tags: ['dev'] }, pactDocument('Foo', 'Bar', ['v2'])),
      });
    });

    it('decorates a pact by consumer version with createdAt and every link', async () => {
      const { status, headers, body } = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(dig(body, 'createdAt')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      const links = dig(body, '_links') as Record<string, { href: string }>;
      const sha = dig(body, '_links', 'pb:pact-version', 'name') as string;
      expect(Object.keys(links)).toEqual([
        'self', 'pb:consumer', 'pb:consumer-version', 'pb:provider', 'pb:pact-version', 'pb:latest-pact-version', 'pb:all-pact-versions',
        'pb:latest-untagged-pact-version', 'pb:latest-tagged-pact-version', 'pb:previous-distinct', 'pb:diff-previous-distinct', 'pb:diff',
        'pb:pact-webhooks', 'pb:consumer-webhooks', 'pb:tag-prod-version', 'pb:tag-version', 'pb:publish-verification-results',
        'pb:latest-verification-results', 'pb:triggered-webhooks', 'pb:matrix-for-consumer-version', 'curies',
      ]);
      expect(links['pb:provider']).toEqual({ title: 'Provider', name: 'Bar', href: `${BASE}/pacticipants/Bar` });
      expect(links['pb:publish-verification-results']).toEqual({
        title: 'Publish verification results',
        href: `${BASE}/pacts/provider/Bar/consumer/Foo/pact-version/${sha}/verification-results`,
      });
    });

    it('finds the latest pact and names its consumer version in a header and in the results link metadata', async () => {
      const response = await t.request('GET', '/pacts/provider/Bar/consumer/Foo/latest');
      expect(response.headers.get('x-pact-consumer-version')).toBe('2');
      const href = dig(await response.json(), '_links', 'pb:publish-verification-results', 'href') as string;
      const metadata = /\/metadata\/([^/]+)\/verification-results$/.exec(href)?.[1] ?? '';
      expect(decodeMetadata(metadata)).toEqual({ consumerVersionId: 2 });
    });

    it.each([
      ['/pacts/provider/Bar/consumer/Foo/latest/prod', '1'],
      ['/pacts/provider/Bar/consumer/Foo/latest/dev', '2'],
      ['/pacts/provider/Bar/consumer/Foo/branch/feat%2Fx/latest', '1'],
      ['/pacts/provider/Bar/consumer/Foo/branch/main/latest', '2'],
    ])('%s is the pact of version %s', async (path, version) => {
      const response = await t.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-pact-consumer-version')).toBe(version);
    });

    it.each([
      ['/pacts/provider/Bar/consumer/Foo/latest/none'],
      ['/pacts/provider/Bar/consumer/Foo/branch/feat/latest'],
      ['/pacts/provider/Bar/consumer/Nobody/latest'],
      ['/pacts/provider/Bar/consumer/Foo/version/3'],
      ['/pacts/provider/Bar/consumer/Foo/pact-version/0000'],
    ])('%s is not found', async (path) => {
      const { status, headers, body } = await t.json('GET', path);
      expect(status).toBe(404);
      expect(headers.get('content-type')).toBe('application/json;charset=utf-8');
      expect(body).toEqual(NOT_FOUND);
    });

    it('finds a pact by content SHA, with and without metadata', async () => {
      const first = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1');
      const sha = dig(first.body, '_links', 'pb:pact-version', 'name') as string;
      const bySha = await t.json('GET', `/pacts/provider/Bar/consumer/Foo/pact-version/${sha}`);
      expect(dig(bySha.body, 'interactions')).toEqual(dig(first.body, 'interactions'));
      const latest = await t.request('GET', '/pacts/provider/Bar/consumer/Foo/latest/prod');
      const resultsHref = dig(await latest.json(), '_links', 'pb:publish-verification-results', 'href') as string;
      const withMetadata = await t.json('GET', resultsHref.slice(BASE.length).replace(/\/verification-results$/, ''));
      expect(withMetadata.status).toBe(200);
      expect(dig(withMetadata.body, '_links', 'pb:publish-verification-results', 'href')).toBe(resultsHref);
      expect(dig(withMetadata.body, '_links', 'pb:consumer-versions', 0, 'name')).toBe('1');
    });

    it('lists the latest pact of each integration as list-latest-pact-versions reads it', async () => {
      await t.json('PUT', '/pacts/provider/Zed/consumer/Foo/version/1', { body: pactDocument('Foo', 'Zed') });
      const { body } = await t.json('GET', '/pacts/latest');
      expect(dig(body, 'pacts')).toEqual([
        {
          _embedded: {
            consumer: {
              name: 'Foo',
              _embedded: { version: { number: '2', _links: { self: { title: 'Version', name: '2', href: `${BASE}/pacticipants/Foo/versions/2` } } } },
              _links: { self: { href: `${BASE}/pacticipants/Foo` } },
            },
            provider: { name: 'Bar', _links: { self: { href: `${BASE}/pacticipants/Bar` } } },
          },
          createdAt: expect.stringMatching(/\+00:00$/),
          _links: { self: [{ href: `${BASE}/pacts/provider/Bar/consumer/Foo/latest` }, { href: `${BASE}/pacts/provider/Bar/consumer/Foo/version/2` }] },
        },
        expect.objectContaining({ _embedded: expect.objectContaining({ provider: expect.objectContaining({ name: 'Zed' }) }) }),
      ]);
      expect(dig(body, '_links', 'pb:pacts', 1)).toEqual({ href: `${BASE}/pacts/provider/Zed/consumer/Foo/latest`, title: 'Latest pact between Foo and Zed' });
    });
  });

  describe('names in links', () => {
    it('are percent-encoded as the Ruby broker encodes them', async () => {
      const pact = pactDocument('My Consumer', 'Provider/1');
      await t.json('PUT', '/pacts/provider/Provider%2F1/consumer/My%20Consumer/version/1%2B2', { body: pact });
      const { status, body } = await t.json('GET', '/pacts/provider/Provider%2F1/consumer/My%20Consumer/version/1%2B2');
      expect(status).toBe(200);
      expect(dig(body, '_links', 'self', 'href')).toBe(`${BASE}/pacts/provider/Provider%2F1/consumer/My%20Consumer/version/1%2B2`);
    });
  });

  describe('simultaneous PUTs of new versions of one consumer', () => {
    it('all succeed, each version with its own order', async () => {
      const numbers = ['1', '2', '3', '4', '5', '6'];
      const statuses = await Promise.all(
        numbers.map(async (number) => (await t.request('PUT', `/pacts/provider/Bar/consumer/Foo/version/${number}`, { body: pactDocument('Foo', 'Bar', [number]) })).status),
      );
      expect(statuses).toEqual(numbers.map(() => 201));
    });
  });
});
