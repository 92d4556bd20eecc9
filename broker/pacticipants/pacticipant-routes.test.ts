import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, startTestBroker, type TestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  let t: TestBroker;
  beforeAll(async () => {
    t = await startTestBroker(database);
    await t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument('foo-consumer', 'Bar')) });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /pacticipants', () => {
    it('lists pacticipants embedded and at the top level, as the CLI reads them', async () => {
      const { status, body } = await t.json('GET', '/pacticipants');
      expect(status).toBe(200);
      expect(dig(body, 'pacticipants')).toEqual([
        expect.objectContaining({ name: 'Bar', displayName: 'Bar', title: 'DEPRECATED - Please use the embedded pacticipants collection' }),
        expect.objectContaining({ name: 'foo-consumer', displayName: 'Foo Consumer', mainBranch: 'main' }),
      ]);
      expect(dig(body, '_embedded', 'pacticipants', 1, 'name')).toBe('foo-consumer');
      expect(dig(body, '_links', 'pb:pacticipants')).toEqual([
        { href: `${BASE}/pacticipants/Bar`, title: 'Pacticipant', name: 'Bar' },
        { href: `${BASE}/pacticipants/foo-consumer`, title: 'Pacticipant', name: 'foo-consumer' },
      ]);
    });
  });

  describe('GET /pacticipants/{name}', () => {
    it('describes a pacticipant with its latest version and the links the verifier follows', async () => {
      const { status, body } = await t.json('GET', '/pacticipants/foo-consumer');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        name: 'foo-consumer',
        displayName: 'Foo Consumer',
        mainBranch: 'main',
        createdAt: expect.stringMatching(/\+00:00$/),
        _embedded: { latestVersion: { number: '1.0.0' } },
        _links: {
          self: { href: `${BASE}/pacticipants/foo-consumer` },
          'pb:branch-version': { href: `${BASE}/pacticipants/foo-consumer/branches/{branch}/versions/{version}`, templated: true },
          'pb:version-tag': { href: `${BASE}/pacticipants/foo-consumer/versions/{version}/tags/{tag}`, templated: true },
        },
      });
      expect(dig(body, 'repositoryUrl')).toBeUndefined();
    });

    it('answers 404 for an unknown pacticipant', async () => {
      const { status, body } = await t.json('GET', '/pacticipants/Nobody');
      expect(status).toBe(404);
      expect(body).toEqual({ error: 'The requested document was not found on this server.' });
    });
  });

  describe('GET /pacticipants/{p}/versions/{v}', () => {
    it('answers empty environment link arrays, which the CLI requires', async () => {
      const { body } = await t.json('GET', '/pacticipants/foo-consumer/versions/1.0.0');
      expect(body).toMatchObject({ _links: { 'pb:record-deployment': [], 'pb:record-release': [], 'pb:deployed-environments': [] } });
    });

    it('lists tags added together in the byte order of their names, whatever the database locale', async () => {
      const tagged = await startTestBroker(database);
      try {
        await tagged.json('POST', '/contracts/publish', { body: publishBody({ tags: ['dev', 'Prod', 'alpha'] }) });
        const { body } = await tagged.json('GET', '/pacticipants/Foo/versions/1.0.0');
        expect(((dig(body, '_embedded', 'tags') ?? []) as { name: string }[]).map((tag) => tag.name)).toEqual(['Prod', 'alpha', 'dev']);
      } finally {
        await tagged.close();
      }
    });

    it('answers 404 for an unknown version', async () => {
      expect((await t.request('GET', '/pacticipants/foo-consumer/versions/9')).status).toBe(404);
    });
  });
});
