import { describe, expect, it } from 'vitest';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  const putBranchVersion = (branch: string, version: string) =>
    t.json('PUT', `/pacticipants/Foo/branches/${encodeURIComponent(branch)}/versions/${version}`, { body: { name: branch } });

  describe('PUT /pacticipants/{p}/branches/{b}/versions/{v}', () => {
    it('creates pacticipant, version and branch with 201 and Location, then answers 200', async () => {
      const created = await putBranchVersion('feat/x', '1');
      expect(created.status).toBe(201);
      const self = `${BASE}/pacticipants/Foo/branches/feat%2Fx/versions/1`;
      expect(created.headers.get('location')).toBe(self);
      expect(created.body).toMatchObject({
        createdAt: expect.any(String),
        _links: {
          self: { title: 'Branch version', href: self },
          'pb:branch': { title: 'Branch', name: 'feat/x', href: `${BASE}/pacticipants/Foo/branches/feat%2Fx` },
          'pb:version': { title: 'Version', name: '1', href: `${BASE}/pacticipants/Foo/versions/1` },
        },
      });
      expect((await putBranchVersion('feat/x', '1')).status).toBe(200);
      expect((await t.request('GET', '/pacticipants/Foo/branches/feat%2Fx/versions/1')).status).toBe(200);
    });

    it('makes the version last added the head, whatever its order, and sets a main branch from main', async () => {
      await putBranchVersion('main', '2');
      await putBranchVersion('main', '1');
      expect(dig((await t.json('GET', '/pacticipants/Foo/branches/main/latest-version')).body, 'number')).toBe('1');
      expect(dig((await t.json('GET', '/pacticipants/Foo')).body, 'mainBranch')).toBe('main');
      const version = await t.json('GET', '/pacticipants/Foo/versions/2');
      expect(dig(version.body, '_embedded', 'branchVersions')).toEqual([expect.objectContaining({ name: 'main', latest: false })]);
    });

    it('answers 400 for malformed JSON and creates nothing', async () => {
      const response = await t.request('PUT', '/pacticipants/Foo/branches/main/versions/1', { body: '{' });
      expect(response.status).toBe(400);
      expect((await t.request('GET', '/pacticipants/Foo')).status).toBe(404);
    });
  });

  describe('GET /pacticipants/{p}/branches and /branches/{b}', () => {
    it('lists the branches as one page, and describes one', async () => {
      await putBranchVersion('main', '1');
      await putBranchVersion('feat/x', '2');
      const { status, body } = await t.json('GET', '/pacticipants/Foo/branches');
      expect(status).toBe(200);
      expect(dig(body, 'page')).toEqual({ number: 1, size: 100, totalElements: 2, totalPages: 1 });
      expect(((dig(body, '_embedded', 'branches') ?? []) as { name: string }[]).map((branch) => branch.name).sort()).toEqual(['feat/x', 'main']);
      expect(dig(body, '_links', 'self')).toEqual({ title: 'Foo branches', href: `${BASE}/pacticipants/Foo/branches` });

      const branch = await t.json('GET', '/pacticipants/Foo/branches/main');
      expect(branch.body).toMatchObject({
        name: 'main',
        _links: {
          self: { title: 'Branch', href: `${BASE}/pacticipants/Foo/branches/main` },
          'pb:latest-version': { title: 'Latest version for branch', href: `${BASE}/pacticipants/Foo/branches/main/latest-version` },
        },
      });
    });

    it('lists the versions of a branch, newest first', async () => {
      await putBranchVersion('main', '1');
      await putBranchVersion('main', '2');
      await t.json('PUT', '/pacticipants/Foo/versions/3', { body: {} });
      const { body } = await t.json('GET', '/pacticipants/Foo/branches/main/versions');
      expect(((dig(body, '_embedded', 'versions') ?? []) as { number: string }[]).map((version) => version.number)).toEqual(['2', '1']);
      expect(dig(body, '_links', 'self', 'title')).toBe('Versions for branch main of Foo');
    });

    it('answers 404 for an unknown branch or pacticipant', async () => {
      await putBranchVersion('main', '1');
      for (const path of ['/pacticipants/Foo/branches/nope', '/pacticipants/Nobody/branches', '/pacticipants/Foo/branches/nope/versions', '/pacticipants/Foo/branches/nope/latest-version']) {
        expect((await t.request('GET', path)).status, path).toBe(404);
      }
    });
  });

  describe('DELETE', () => {
    it('a branch: the branch goes, its versions stay', async () => {
      await putBranchVersion('feat/x', '1');
      expect((await t.request('DELETE', '/pacticipants/Foo/branches/feat%2Fx')).status).toBe(204);
      expect((await t.request('GET', '/pacticipants/Foo/branches/feat%2Fx')).status).toBe(404);
      const version = await t.json('GET', '/pacticipants/Foo/versions/1');
      expect(version.status).toBe(200);
      expect(dig(version.body, '_embedded', 'branchVersions')).toEqual([]);
      expect((await t.request('DELETE', '/pacticipants/Foo/branches/feat%2Fx')).status).toBe(404);
    });

    it('a branch version: a removed head is replaced by the remaining version of highest order', async () => {
      await putBranchVersion('main', '1');
      await putBranchVersion('main', '2');
      expect((await t.request('DELETE', '/pacticipants/Foo/branches/main/versions/2')).status).toBe(204);
      expect(dig((await t.json('GET', '/pacticipants/Foo/branches/main/latest-version')).body, 'number')).toBe('1');
      expect((await t.request('GET', '/pacticipants/Foo/versions/2')).status).toBe(200);
    });
  });
});
