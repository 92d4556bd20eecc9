import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Expected answers: the Ruby broker's pact_versions.rb, pact_versions_for_branch.rb, pact_versions_decorator.rb
// and spec/features/{get_pact_versions,delete_pact_versions,delete_pact_versions_for_branch}_spec.rb (team issue 14).
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);
  const INTEGRATION = '/pacts/provider/Bar/consumer/Foo';

  beforeEach(async () => {
    await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1', branch: 'main', tags: [] }) });
    await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '2', branch: 'feat', tags: [] }, pactDocument('Foo', 'Bar', ['v2'])) });
    await t.json('PUT', '/pacts/provider/Baz/consumer/Foo/version/1', { body: pactDocument('Foo', 'Baz') });
  });

  describe('GET /pacts/provider/{p}/consumer/{c}/versions (pb:all-pact-versions)', () => {
    it('lists every pact version of the integration, newest first', async () => {
      const { status, headers, body } = await t.json('GET', `${INTEGRATION}/versions`);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(dig(body, '_links', 'self')).toEqual({ href: `${BASE}${INTEGRATION}/versions`, title: 'All versions of the pact between Foo and Bar' });
      expect(dig(body, '_links', 'consumer')).toEqual({ href: `${BASE}/pacticipants/Foo`, title: 'Consumer', name: 'Foo' });
      expect(dig(body, '_links', 'provider')).toEqual({ href: `${BASE}/pacticipants/Bar`, title: 'Provider', name: 'Bar' });
      const versions = dig(body, '_links', 'pact-versions') as { href: string; title: string; name: string }[];
      expect(versions.map((link) => link.href)).toEqual([`${BASE}${INTEGRATION}/version/2`, `${BASE}${INTEGRATION}/version/1`]);
      expect(versions[0]).toEqual({ href: `${BASE}${INTEGRATION}/version/2`, title: 'Pact', name: expect.stringMatching(/^Version 2 - \d\d\/\d\d\/\d{4}$/) });
      expect(dig(body, '_embedded', 'pacts', 0, '_links', 'self')).toEqual({ href: `${BASE}${INTEGRATION}/version/2`, title: 'Pact between Foo (2) and Bar' });
      expect(dig(body, '_embedded', 'pacts', 0, '_embedded', 'consumerVersion', 'number')).toBe('2');
    });

    it('is linked from a pact as pb:all-pact-versions', async () => {
      const pact = await t.json('GET', `${INTEGRATION}/version/1`);
      const href = dig(pact.body, '_links', 'pb:all-pact-versions', 'href') as string;
      expect((await t.request('GET', href.slice(BASE.length))).status).toBe(200);
    });

    it('has the deprecated pact URL versions/{v} below it (RB api.rb: "keep for backwards compatibility")', async () => {
      const { status, body } = await t.json('GET', `${INTEGRATION}/versions/2`);
      expect(status).toBe(200);
      expect(dig(body, '_links', 'self', 'href')).toBe(`${BASE}${INTEGRATION}/version/2`);
    });

    it('answers 404 when the consumer or provider does not exist', async () => {
      expect((await t.request('GET', '/pacts/provider/Bar/consumer/Nobody/versions')).status).toBe(404);
      expect((await t.request('GET', '/pacts/provider/Nobody/consumer/Foo/versions')).status).toBe(404);
    });
  });

  describe('DELETE /pacts/provider/{p}/consumer/{c}/versions', () => {
    it('deletes the integration pacts only, with 204', async () => {
      const response = await t.request('DELETE', `${INTEGRATION}/versions`);
      expect(response.status).toBe(204);
      expect(dig((await t.json('GET', `${INTEGRATION}/versions`)).body, '_links', 'pact-versions')).toEqual([]);
      expect((await t.request('GET', '/pacts/provider/Baz/consumer/Foo/latest')).status).toBe(200);
    });

    it('answers 404 when the consumer or provider does not exist', async () => {
      expect((await t.request('DELETE', '/pacts/provider/Bar/consumer/Nobody/versions')).status).toBe(404);
    });
  });

  describe('GET /pacts/provider/{p}/consumer/{c}/branch/{b} (item 4)', () => {
    it('answers the HAL collection for a branch without pacts', async () => {
      const { status, body } = await t.json('GET', `${INTEGRATION}/branch/gone`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        _embedded: { pacts: [] },
        _links: {
          self: { href: `${BASE}${INTEGRATION}/branch/gone`, title: 'All versions of the pact between Foo and Bar' },
          consumer: { href: `${BASE}/pacticipants/Foo`, title: 'Consumer', name: 'Foo' },
          provider: { href: `${BASE}/pacticipants/Bar`, title: 'Provider', name: 'Bar' },
          'pact-versions': [],
        },
      });
    });

    it('answers the HAL collection once the branch is deleted', async () => {
      expect((await t.request('DELETE', '/pacticipants/Foo/branches/feat')).status).toBe(204);
      const { status, body } = await t.json('GET', `${INTEGRATION}/branch/feat`);
      expect(status).toBe(200);
      expect(dig(body, '_embedded', 'pacts')).toEqual([]);
      expect(dig(body, '_links', 'pact-versions')).toEqual([]);
    });

    it('DELETE removes the branch pacts and links to the latest pact left, with 200', async () => {
      const { status, body } = await t.json('DELETE', `${INTEGRATION}/branch/feat`);
      expect(status).toBe(200);
      expect(body).toEqual({
        _links: { index: { href: BASE }, 'pb:latest-pact-version': { href: `${BASE}${INTEGRATION}/latest`, title: 'Latest pact' } },
      });
      expect((await t.request('GET', `${INTEGRATION}/version/2`)).status).toBe(404);
      expect((await t.request('GET', `${INTEGRATION}/version/1`)).status).toBe(200);
    });
  });
});
