import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, startTestBroker, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });
  beforeAll(async () => {
    await t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument('foo-consumer', 'Bar')) });
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
          'pb:deployed-environments': [],
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

  describe('POST /pacticipants', () => {
    it('creates a pacticipant: 201, the misspelt Location of the Ruby broker, and the resource', async () => {
      const body = { name: 'Foo Thing', mainBranch: 'main', repositoryUrl: 'http://url', repositoryName: 'foo-thing', repositoryNamespace: 'some-group' };
      const { status, headers, body: created } = await t.json('POST', '/pacticipants', { body });
      expect(status).toBe(201);
      expect(headers.get('location')).toBe(`${BASE}/pacticpants/Foo%20Thing`);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(created).toMatchObject({ ...body, displayName: 'Foo Thing', _links: { self: { href: `${BASE}/pacticipants/Foo%20Thing` } } });
    });

    it('answers 400 with the schema messages for a body without a name', async () => {
      const { status, body } = await t.json('POST', '/pacticipants', { body: { mainBranch: 'a b' } });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { name: ['is missing'], mainBranch: ['cannot contain spaces'] } });
    });

    it('answers 400 for an empty body', async () => {
      const response = await t.request('POST', '/pacticipants', { body: '' });
      expect(response.status).toBe(400);
    });
  });

  describe('PATCH /pacticipants/{name}', () => {
    it('creates a missing pacticipant with 201 and Location, as the CLI expects', async () => {
      const { status, headers, body } = await t.json('PATCH', '/pacticipants/patched', {
        body: { name: 'patched', repositoryUrl: 'http://repo' },
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(status).toBe(201);
      expect(headers.get('location')).toBe(`${BASE}/pacticipants/patched`);
      expect(body).toMatchObject({ name: 'patched', displayName: 'Patched', repositoryUrl: 'http://repo' });
    });

    it('changes only the given properties of an existing pacticipant', async () => {
      await t.json('PATCH', '/pacticipants/merged', { body: { repositoryName: 'existing', mainBranch: 'develop' } });
      const { status, body } = await t.json('PATCH', '/pacticipants/merged', { body: { displayName: 'Merged One', mainBranch: null } });
      expect(status).toBe(200);
      expect(body).toMatchObject({ name: 'merged', displayName: 'Merged One', repositoryName: 'existing', updatedAt: expect.any(String) });
      expect(dig(body, 'mainBranch')).toBeUndefined();
    });

    it('answers 400 with the Ruby broker message for a main branch with spaces, and changes nothing', async () => {
      const { status, body } = await t.json('PATCH', '/pacticipants/foo-consumer', { body: { mainBranch: 'origin main' } });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { mainBranch: ['cannot contain spaces'] } });
      expect(dig((await t.json('GET', '/pacticipants/foo-consumer')).body, 'mainBranch')).toBe('main');
    });
  });

  describe('PUT /pacticipants/{name}', () => {
    it('replaces the properties, blanking those not given', async () => {
      await t.json('POST', '/pacticipants', { body: { name: 'replaced', repositoryName: 'old', repositoryUrl: 'http://old' } });
      const { status, body } = await t.json('PUT', '/pacticipants/replaced', { body: { repositoryUrl: 'http://new' } });
      expect(status).toBe(200);
      expect(body).toMatchObject({ name: 'replaced', displayName: 'Replaced', repositoryUrl: 'http://new' });
      expect(dig(body, 'repositoryName')).toBeUndefined();
    });

    it('answers 404 for a pacticipant that does not exist', async () => {
      expect((await t.request('PUT', '/pacticipants/Nobody', { body: {} })).status).toBe(404);
    });

    it('answers 415 for a merge patch', async () => {
      const response = await t.request('PUT', '/pacticipants/foo-consumer', { body: {}, headers: { 'content-type': 'application/merge-patch+json' } });
      expect(response.status).toBe(415);
    });
  });

  describe('DELETE /pacticipants/{name}', () => {
    it('deletes the pacticipant with its versions and pacts', async () => {
      const own = await startTestBroker(database);
      try {
        await own.json('POST', '/contracts/publish', { body: publishBody() });
        expect((await own.request('DELETE', '/pacticipants/Foo')).status).toBe(204);
        expect((await own.request('GET', '/pacticipants/Foo')).status).toBe(404);
        expect((await own.request('GET', '/pacts/provider/Bar/consumer/Foo/latest')).status).toBe(404);
        expect((await own.request('GET', '/pacticipants/Bar')).status).toBe(200);
        expect((await own.request('DELETE', '/pacticipants/Foo')).status).toBe(404);
      } finally {
        await own.close();
      }
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
