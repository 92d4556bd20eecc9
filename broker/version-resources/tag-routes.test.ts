import { describe, expect, it } from 'vitest';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const TAG = '/pacticipants/Foo/versions/1.0.0/tags/prod';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  describe('PUT /pacticipants/{p}/versions/{v}/tags/{t}', () => {
    it('creates pacticipant, version and tag with 201 and Location, then answers 200', async () => {
      const created = await t.json('PUT', TAG, { body: { name: 'prod' } });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`${BASE}${TAG}`);
      expect(created.body).toEqual({
        name: 'prod',
        createdAt: expect.stringMatching(/\+00:00$/),
        _links: {
          self: { title: 'Tag', name: 'prod', href: `${BASE}${TAG}` },
          version: { title: 'Version', name: '1.0.0', href: `${BASE}/pacticipants/Foo/versions/1.0.0` },
          pacticipant: { title: 'Pacticipant', name: 'Foo', href: `${BASE}/pacticipants/Foo` },
        },
      });
      expect((await t.json('PUT', TAG, { body: {} })).status).toBe(200);
    });

    it('makes the first tag of a new branchless version its branch', async () => {
      await t.json('PUT', '/pacticipants/Foo/versions/1.0.0/tags/master', { body: {} });
      const version = await t.json('GET', '/pacticipants/Foo/versions/1.0.0');
      expect(dig(version.body, '_embedded', 'branchVersions', 0, 'name')).toBe('master');
      expect(dig((await t.json('GET', '/pacticipants/Foo')).body, 'mainBranch')).toBe('master');
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await t.request('PUT', TAG, { body: 'prod', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(415);
    });
  });

  describe('GET and DELETE', () => {
    it('reads and deletes a tag; 404 once it is gone', async () => {
      await t.json('PUT', TAG, { body: {} });
      expect((await t.request('GET', TAG)).status).toBe(200);
      expect((await t.request('DELETE', TAG)).status).toBe(204);
      expect((await t.request('GET', TAG)).status).toBe(404);
      expect((await t.request('DELETE', TAG)).status).toBe(404);
      expect((await t.request('GET', '/pacticipants/Foo/versions/1.0.0')).status).toBe(200);
    });
  });
});
