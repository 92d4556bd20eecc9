import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, dig, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { createEnvironment, publishVersion } from '../test-support/environments.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };
const tagNames = (body: unknown) => ((dig(body, '_embedded', 'tags') ?? []) as { name: string }[]).map((tag) => tag.name);

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  describe('PUT /pacticipants/{p}/versions/{v}', () => {
    it('creates pacticipant and version with 201, its build URL and tags', async () => {
      const { status, body } = await t.json('PUT', '/pacticipants/Foo/versions/1234', { body: { buildUrl: 'http://build', tags: [{ name: 'foo' }, { name: 'bar' }] } });
      expect(status).toBe(201);
      expect(body).toMatchObject({ number: '1234', buildUrl: 'http://build', _links: { self: { href: `${BASE}/pacticipants/Foo/versions/1234` } } });
      expect(tagNames(body).sort()).toEqual(['bar', 'foo']);
      expect((await t.request('GET', '/pacticipants/Foo')).status).toBe(200);
    });

    it('answers 200 for an existing version, clears an omitted build URL and keeps tags when none are given', async () => {
      await t.json('PUT', '/pacticipants/Foo/versions/1', { body: { buildUrl: 'http://build', tags: [{ name: 'dev' }] } });
      const { status, body } = await t.json('PUT', '/pacticipants/Foo/versions/1', { body: {} });
      expect(status).toBe(200);
      expect(dig(body, 'buildUrl')).toBeUndefined();
      expect(tagNames(body)).toEqual(['dev']);
    });

    it('answers 415 for a merge patch and 400 for tags that are not a list', async () => {
      expect((await t.request('PUT', '/pacticipants/Foo/versions/1', { body: {}, headers: MERGE_PATCH })).status).toBe(415);
      const { status, body } = await t.json('PUT', '/pacticipants/Foo/versions/1', { body: { tags: 'dev' } });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { tags: ['must be an array'] } });
      expect((await t.request('GET', '/pacticipants/Foo')).status).toBe(404);
    });
  });

  describe('PATCH /pacticipants/{p}/versions/{v}', () => {
    it('merges: keeps what is not given, replaces tags when given', async () => {
      await t.json('PUT', '/pacticipants/Foo/versions/1', { body: { buildUrl: 'http://original', tags: [{ name: 'dev' }] } });
      const kept = await t.json('PATCH', '/pacticipants/Foo/versions/1', { body: { tags: [{ name: 'main' }] }, headers: MERGE_PATCH });
      expect(kept.status).toBe(200);
      expect(dig(kept.body, 'buildUrl')).toBe('http://original');
      expect(tagNames(kept.body)).toEqual(['main']);
    });

    it('creates a missing version with 201, and refuses plain JSON with 415', async () => {
      expect((await t.request('PATCH', '/pacticipants/Foo/versions/2', { body: {}, headers: MERGE_PATCH })).status).toBe(201);
      expect((await t.request('PATCH', '/pacticipants/Foo/versions/3', { body: {} })).status).toBe(415);
    });
  });

  describe('GET /pacticipants/{p}/versions', () => {
    it('lists versions newest first, as the Ruby broker does', async () => {
      for (const number of ['2.0.0', '10.0.0', '1.0.0']) await t.json('PUT', `/pacticipants/Foo/versions/${number}`, { body: {} });
      const { status, body } = await t.json('GET', '/pacticipants/Foo/versions');
      expect(status).toBe(200);
      expect(((dig(body, '_embedded', 'versions') ?? []) as { number: string }[]).map((version) => version.number)).toEqual(['1.0.0', '10.0.0', '2.0.0']);
      expect(dig(body, '_links', 'self')).toEqual({ href: `${BASE}/pacticipants/Foo/versions`, title: 'All application versions of Foo' });
      expect(dig(body, '_links', 'pb:versions', 0, 'title')).toMatch(/^Version 1\.0\.0 - \d\d\/\d\d\/\d{4}$/);
      expect(dig(body, 'page')).toBeUndefined();
    });

    it('paginates when asked', async () => {
      for (const number of ['1', '2', '3']) await t.json('PUT', `/pacticipants/Foo/versions/${number}`, { body: {} });
      const { body } = await t.json('GET', '/pacticipants/Foo/versions?size=2&page=1');
      expect(dig(body, 'page')).toEqual({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
      expect(dig(body, '_links', 'next', 'href')).toBe(`${BASE}/pacticipants/Foo/versions?size=2&page=2`);
      expect((dig(body, '_embedded', 'versions') as unknown[]).length).toBe(2);
    });

    it('answers 404 for an unknown pacticipant and 400 for a bad page size', async () => {
      expect((await t.request('GET', '/pacticipants/Nobody/versions')).status).toBe(404);
      await t.json('PUT', '/pacticipants/Foo/versions/1', { body: {} });
      const { status, body } = await t.json('GET', '/pacticipants/Foo/versions?size=0');
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { size: ['must be greater than or equal to 1'] } });
    });
  });

  describe('latest versions', () => {
    beforeEach(async () => {
      await t.json('PUT', '/pacticipants/Foo/versions/1', { body: { tags: [{ name: 'prod' }] } });
      await t.json('PUT', '/pacticipants/Foo/versions/3', { body: { tags: [{ name: 'dev' }] } });
      await t.json('PUT', '/pacticipants/Foo/versions/2', { body: {} });
    });

    it('GET …/latest-version is the version created last, under its own self link', async () => {
      const { status, body } = await t.json('GET', '/pacticipants/Foo/latest-version');
      expect(status).toBe(200);
      expect(dig(body, 'number')).toBe('2');
      expect(dig(body, '_links', 'self', 'href')).toBe(`${BASE}/pacticipants/Foo/latest-version`);
      expect(dig(body, '_links', 'pb:tag', 'href')).toBe(`${BASE}/pacticipants/Foo/versions/2/tags/{tag}`);
    });

    it('GET …/latest-version/{tag} is the latest version with the tag', async () => {
      const { body } = await t.json('GET', '/pacticipants/Foo/latest-version/prod');
      expect(dig(body, 'number')).toBe('1');
      expect(dig(body, '_links', 'self', 'href')).toBe(`${BASE}/pacticipants/Foo/latest-version/prod`);
      expect((await t.request('GET', '/pacticipants/Foo/latest-version/nope')).status).toBe(404);
    });

    it('answers 404 for a pacticipant without versions', async () => {
      await t.json('POST', '/pacticipants', { body: { name: 'Empty' } });
      expect((await t.request('GET', '/pacticipants/Empty/latest-version')).status).toBe(404);
    });
  });

  // Field by field as lib/pact_broker/api/decorators/version_decorator.rb and versions_decorator.rb
  // render them (issue 14, item 2); the resources version.rb and versions.rb give their options.
  describe('the version resource, field by field as the Ruby broker', () => {
    beforeEach(async () => {
      await publishVersion(t, 'Foo', '1');
      await publishVersion(t, 'Foo', '2');
      const uuid = await createEnvironment(t, 'test', 'Test');
      const recorded = await t.request('POST', `/pacticipants/Foo/versions/1/deployed-versions/environment/${uuid}`, { body: {} });
      expect(recorded.status).toBe(201);
    });

    it('embeds branchVersions and tags only (the Ruby decorator declares branches, then overrides it)', async () => {
      const { body } = await t.json('GET', '/pacticipants/Foo/versions/1');
      expect(Object.keys(body as object)).toEqual(['number', 'buildUrl', 'createdAt', '_embedded', '_links']);
      expect(Object.keys(dig(body, '_embedded') as object)).toEqual(['branchVersions', 'tags']);
      expect(dig(body, '_embedded', 'branchVersions')).toEqual([
        { name: 'main', latest: false, _links: { self: { title: 'Branch version', name: 'main', href: `${BASE}/pacticipants/Foo/branches/main/versions/1` } } },
      ]);
      expect(dig(body, '_embedded', 'tags')).toEqual([{ name: 'dev', _links: { self: { title: 'Tag', name: 'dev', href: `${BASE}/pacticipants/Foo/versions/1/tags/dev` } } }]);
      expect(Object.keys(dig(body, '_links') as object)).toEqual([
        'self', 'pb:pacticipant', 'pb:tag', 'pb:latest-verification-results-where-pacticipant-is-consumer', 'pb:pact-versions',
        'pb:deployed-environments', 'pb:released-environments', 'pb:record-deployment', 'pb:record-release', 'curies',
      ]);
      expect(dig(body, '_links', 'pb:deployed-environments', 0)).toMatchObject({ title: 'Version deployed to Test', name: 'Test', currently_deployed: true });
    });

    it('in a versions collection, has no record links and deployment lists only where there are deployments', async () => {
      const { body } = await t.json('GET', '/pacticipants/Foo/versions');
      const [second, first] = dig(body, '_embedded', 'versions') as Record<string, unknown>[];
      const linkNames = (version: unknown) => Object.keys(dig(version, '_links') as object);
      expect(linkNames(first)).toEqual(['self', 'pb:pacticipant', 'pb:tag', 'pb:latest-verification-results-where-pacticipant-is-consumer', 'pb:pact-versions', 'pb:deployed-environments', 'curies']);
      expect(linkNames(second)).toEqual(['self', 'pb:pacticipant', 'pb:tag', 'pb:latest-verification-results-where-pacticipant-is-consumer', 'pb:pact-versions', 'curies']);
      expect(dig(second, '_embedded', 'branchVersions', 0, 'latest')).toBe(true);
    });
  });

  describe('DELETE /pacticipants/{p}/versions/{v}', () => {
    it('deletes the version and its pacts, and hands the branch head to the previous version', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1', tags: [] }) });
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '2', tags: [] }) });
      expect((await t.request('DELETE', '/pacticipants/Foo/versions/2')).status).toBe(204);
      expect((await t.request('GET', '/pacticipants/Foo/versions/2')).status).toBe(404);
      expect(dig((await t.json('GET', '/pacticipants/Foo/branches/main/latest-version')).body, 'number')).toBe('1');
      expect((await t.request('GET', '/pacts/provider/Bar/consumer/Foo/version/2')).status).toBe(404);
      expect((await t.request('DELETE', '/pacticipants/Foo/versions/2')).status).toBe(404);
    });
  });
});
