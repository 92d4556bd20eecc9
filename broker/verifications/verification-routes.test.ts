import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { decodeMetadata } from '../pacts/index.js';

/** A results body as the Rust verifier (pact_verifier) posts it. */
function resultsBody(success: boolean, providerVersion = '2.0.0', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    success,
    providerApplicationVersion: providerVersion,
    buildUrl: 'http://ci/99',
    verifiedBy: { implementation: 'Pact-Rust', version: '1.4.8' },
    testResults: [{ interactionId: 'abc', success }],
    ...extra,
  };
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);
  beforeEach(async () => {
    await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1' }) });
  });

  async function resultsPath(pactPath = '/pacts/provider/Bar/consumer/Foo/version/1'): Promise<string> {
    const { body } = await t.json('GET', pactPath);
    return (dig(body, '_links', 'pb:publish-verification-results', 'href') as string).slice(BASE.length);
  }

  describe('POST pb:publish-verification-results', () => {
    it('answers 201 with the result, its Location, and creates the provider version', async () => {
      const path = await resultsPath();
      const { status, headers, body } = await t.json('POST', path, { body: resultsBody(true) });
      expect(status).toBe(201);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(headers.get('location')).toBe(`${BASE}${path}/1`);
      expect(body).toEqual({
        providerName: 'Bar',
        providerApplicationVersion: '2.0.0',
        success: true,
        verificationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
        buildUrl: 'http://ci/99',
        testResults: [{ interactionId: 'abc', success: true }],
        verifiedBy: { implementation: 'Pact-Rust', version: '1.4.8' },
        _links: {
          self: { title: 'Verification result', name: 'Verification result 1 for Pact between Foo (1) and Bar', href: `${BASE}${path}/1` },
          'pb:pact-version': {
            title: 'Pact',
            name: 'Pact between Foo (1) and Bar',
            href: expect.stringMatching(new RegExp(`^${BASE}${path.replace(/\/verification-results$/, '')}/metadata/`)),
          },
          'pb:triggered-webhooks': {
            title: 'Webhooks triggered by the publication of this verification result',
            href: `${BASE}${path}/1/triggered-webhooks`,
          },
        },
      });
      const metadata = /\/metadata\/([^/]+)$/.exec(dig(body, '_links', 'pb:pact-version', 'href') as string)?.[1] ?? '';
      expect(decodeMetadata(metadata)).toEqual({ consumerVersionNumber: '1' });
      expect((await t.request('GET', '/pacticipants/Bar/versions/2.0.0')).status).toBe(200);
    });

    it('numbers results from one sequence across all pacts', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1' }, pactDocument('Foo', 'Zed')) });
      const numbers = [];
      for (const path of [await resultsPath(), await resultsPath('/pacts/provider/Zed/consumer/Foo/version/1'), await resultsPath()]) {
        numbers.push(dig((await t.json('POST', path, { body: resultsBody(true) })).body, '_links', 'self', 'href'));
      }
      expect(numbers.map((href) => String(href).split('/').at(-1))).toEqual(['1', '2', '3']);
    });

    it('accepts the metadata form of a latest pact and keeps the consumer version it names', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '2' }) });
      const path = await resultsPath('/pacts/provider/Bar/consumer/Foo/latest');
      expect(path).toMatch(/\/metadata\/[^/]+\/verification-results$/);
      const { status, body } = await t.json('POST', path, { body: resultsBody(false) });
      expect(status).toBe(201);
      expect(dig(body, '_links', 'self', 'name')).toBe('Verification result 1 for Pact between Foo (2) and Bar');
      expect(dig(body, 'success')).toBe(false);
    });

    it.each([
      ['no success', { providerApplicationVersion: '1' }, { success: ['is missing'] }],
      ['a string success', { success: 'true', providerApplicationVersion: '1' }, { success: ['must be boolean'] }],
      ['no provider version', { success: true }, { providerApplicationVersion: ['is missing'] }],
      ['a blank provider version', { success: true, providerApplicationVersion: ' ' }, { providerApplicationVersion: ['cannot be blank'] }],
      ['a build URL with spaces', { success: true, providerApplicationVersion: '1', buildUrl: 'http://ci/a b' }, { buildUrl: ['is not a valid URL eg. http://example.org'] }],
    ])('refuses %s with 400 and records nothing', async (_, body, errors) => {
      const path = await resultsPath();
      expect(await t.json('POST', path, { body })).toMatchObject({ status: 400, body: { errors } });
      expect((await t.request('GET', `${path}/latest`)).status).toBe(404);
    });

    it('answers 404 for content that was never published', async () => {
      const { status } = await t.json('POST', '/pacts/provider/Bar/consumer/Foo/pact-version/0000/verification-results', { body: resultsBody(true) });
      expect(status).toBe(404);
    });
  });

  describe('reading results', () => {
    it('finds a result by number, the latest of the content, and the latest of a consumer version', async () => {
      const path = await resultsPath();
      await t.json('POST', path, { body: resultsBody(true, '2.0.0') });
      await t.json('POST', path, { body: resultsBody(false, '2.0.1') });
      expect(dig((await t.json('GET', `${path}/1`)).body, 'providerApplicationVersion')).toBe('2.0.0');
      expect(dig((await t.json('GET', `${path}/latest`)).body, 'providerApplicationVersion')).toBe('2.0.1');
      const byVersion = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1/verification-results/latest');
      expect(dig(byVersion.body, '_links', 'self', 'href')).toBe(`${BASE}${path}/2`);
    });

    it.each([['/3'], ['/all'], ['/x1']])('answers 404 for result %s', async (suffix) => {
      const path = await resultsPath();
      await t.json('POST', path, { body: resultsBody(true) });
      expect((await t.request('GET', `${path}${suffix}`)).status).toBe(404);
    });

    it('summarises the latest results of a consumer version per provider', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1' }, pactDocument('Foo', 'Zed')) });
      await t.json('POST', await resultsPath(), { body: resultsBody(false) });
      const { status, body } = await t.json('GET', '/verification-results/consumer/Foo/version/1/latest');
      expect(status).toBe(200);
      expect(dig(body, 'success')).toBe(false);
      expect(dig(body, 'providerSummary')).toEqual({ successful: [], failed: ['Bar'], unknown: ['Zed'] });
      expect(dig(body, '_embedded', 'verificationResults', 0, 'providerName')).toBe('Bar');
      expect((await t.request('GET', '/verification-results/consumer/Foo/version/9/latest')).status).toBe(404);
    });
  });
});
