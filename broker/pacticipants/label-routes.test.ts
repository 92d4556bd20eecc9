import { describe, expect, it } from 'vitest';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Expected answers from the Ruby broker (issue 14): lib/pact_broker/api/resources/label.rb, labels.rb,
// pacticipants_for_label.rb, decorators/label_decorator.rb, labels_decorator.rb, embedded_label_decorator.rb,
// and spec/features/{label_pacticipant,get_label,get_labels,delete_label,get_pacticipants_by_label}_spec.rb.
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  async function label(pacticipant: string, name: string) {
    return t.json('PUT', `/pacticipants/${pacticipant}/labels/${name}`, { body: '', headers: { 'content-type': 'application/json' } });
  }

  describe('PUT /pacticipants/{p}/labels/{l}', () => {
    it('creates the label: 201, Location, the label with its self and pacticipant links', async () => {
      await t.json('POST', '/pacticipants', { body: { name: 'Foo' } });
      const { status, headers, body } = await label('Foo', 'team-a');
      expect(status).toBe(201);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(headers.get('location')).toBe(`${BASE}/pacticipants/Foo/labels/team-a`);
      expect(body).toEqual({
        name: 'team-a',
        createdAt: expect.stringMatching(/\+00:00$/),
        _links: {
          self: { title: 'Label', name: 'team-a', href: `${BASE}/pacticipants/Foo/labels/team-a` },
          pacticipant: { title: 'Pacticipant', name: 'Foo', href: `${BASE}/pacticipants/Foo` },
        },
      });
    });

    it('answers 200 without Location for a label the pacticipant has already', async () => {
      await label('Foo', 'team-a');
      const { status, headers, body } = await label('Foo', 'team-a');
      expect(status).toBe(200);
      expect(headers.get('location')).toBeNull();
      expect(dig(body, 'name')).toBe('team-a');
    });

    it('answers 415 to a PUT that is not JSON, as webmachine does for content_types_accepted application/json', async () => {
      const response = await t.request('PUT', '/pacticipants/Foo/labels/team-a', { body: 'x', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(415);
      expect((await t.json('GET', '/labels')).body).toMatchObject({ _embedded: { labels: [] } });
    });

    it('creates a missing pacticipant, as the Ruby label service does', async () => {
      expect((await label('New%20Thing', 'ios')).status).toBe(201);
      const { status, body } = await t.json('GET', '/pacticipants/New%20Thing');
      expect(status).toBe(200);
      expect(dig(body, 'displayName')).toBe('New Thing');
    });
  });

  describe('GET and DELETE /pacticipants/{p}/labels/{l}', () => {
    it('reads a label; 404 for a label the pacticipant lacks or an unknown pacticipant', async () => {
      await label('Foo', 'ios');
      await label('Bar', 'android');
      expect(await t.json('GET', '/pacticipants/Foo/labels/ios')).toMatchObject({ status: 200, body: { name: 'ios' } });
      expect((await t.json('GET', '/pacticipants/Foo/labels/android')).status).toBe(404);
      expect((await t.json('GET', '/pacticipants/Nobody/labels/ios')).status).toBe(404);
    });

    it('deletes only that pacticipant’s label: 204, then 404', async () => {
      await label('Foo', 'ios');
      await label('Bar', 'ios');
      expect((await t.request('DELETE', '/pacticipants/Foo/labels/ios')).status).toBe(204);
      expect((await t.json('GET', '/pacticipants/Foo/labels/ios')).status).toBe(404);
      expect((await t.json('GET', '/pacticipants/Bar/labels/ios')).status).toBe(200);
      expect((await t.request('DELETE', '/pacticipants/Foo/labels/ios')).status).toBe(404);
    });

    it('answers 405 with the allowed methods for POST', async () => {
      const response = await t.request('POST', '/pacticipants/Foo/labels/ios', { body: {} });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, PUT, DELETE, OPTIONS');
    });
  });

  describe('labels in the pacticipant resource', () => {
    it('embeds the labels with their self links (pacticipant_decorator.rb, embedded_label_decorator.rb)', async () => {
      await label('Foo', 'team-b');
      await label('Foo', 'team-a');
      const { body } = await t.json('GET', '/pacticipants/Foo');
      expect(dig(body, '_embedded', 'labels')).toEqual([
        { name: 'team-a', _links: { self: { title: 'Label', name: 'team-a', href: `${BASE}/pacticipants/Foo/labels/team-a` } } },
        { name: 'team-b', _links: { self: { title: 'Label', name: 'team-b', href: `${BASE}/pacticipants/Foo/labels/team-b` } } },
      ]);
      expect(dig(body, '_links', 'pb:label')).toEqual({ title: 'Get, create or delete a label for Foo', href: `${BASE}/pacticipants/Foo/labels/{label}`, templated: true });
      const list = await t.json('GET', '/pacticipants');
      expect(dig(list.body, '_embedded', 'pacticipants', 0, '_embedded', 'labels', 1, 'name')).toBe('team-b');
    });

    it('deleting a pacticipant deletes its labels', async () => {
      await label('Foo', 'ios');
      expect((await t.request('DELETE', '/pacticipants/Foo')).status).toBe(204);
      expect(dig((await t.json('GET', '/labels')).body, '_embedded', 'labels')).toEqual([]);
      await t.json('POST', '/pacticipants', { body: { name: 'Foo' } });
      expect((await t.json('GET', '/pacticipants/Foo/labels/ios')).status).toBe(404);
    });
  });

  describe('GET /labels', () => {
    it('lists each label name once, in name order, without links or timestamps', async () => {
      for (const [pacticipant, name] of [['foo', 'ios'], ['foo', 'consumer'], ['bar', 'ios'], ['bar', 'consumer']] as const) await label(pacticipant, name);
      const { status, body } = await t.json('GET', '/labels');
      expect(status).toBe(200);
      expect(body).toEqual({ _embedded: { labels: [{ name: 'consumer' }, { name: 'ios' }] }, _links: { self: { title: 'Labels', href: `${BASE}/labels` } } });
    });

    it('pages on request, with the page property and next/previous links (pagination_links.rb)', async () => {
      for (const name of ['a', 'b', 'c']) await label('foo', name);
      const { body } = await t.json('GET', '/labels?size=1&page=2');
      expect(body).toEqual({
        page: { number: 2, size: 1, totalElements: 3, totalPages: 3 },
        _embedded: { labels: [{ name: 'b' }] },
        _links: {
          self: { title: 'Labels', href: `${BASE}/labels` },
          next: { href: `${BASE}/labels?size=1&page=3`, title: 'Next page' },
          previous: { href: `${BASE}/labels?size=1&page=1`, title: 'Previous page' },
        },
      });
      expect((await t.json('GET', '/labels?size=x')).body).toEqual({ errors: { size: ['must be an integer'] } });
    });
  });

  describe('GET /pacticipants/label/{l}', () => {
    it('lists the pacticipants with the label, with the pacticipants decorator (no deprecated top-level list)', async () => {
      await label('Foo', 'ios');
      await label('Bar', 'android');
      await label('apple', 'ios');
      const { status, body } = await t.json('GET', '/pacticipants/label/ios');
      expect(status).toBe(200);
      expect((dig(body, '_embedded', 'pacticipants') as { name: string }[]).map((p) => p.name)).toEqual(['apple', 'Foo']);
      expect(dig(body, '_embedded', 'pacticipants', 1, '_embedded', 'labels', 0, 'name')).toBe('ios');
      expect(dig(body, '_links', 'self')).toEqual({ href: `${BASE}/pacticipants` });
      expect(dig(body, '_links', 'pb:pacticipants')).toEqual([
        { href: `${BASE}/pacticipants/apple`, title: 'Pacticipant', name: 'apple' },
        { href: `${BASE}/pacticipants/Foo`, title: 'Pacticipant', name: 'Foo' },
      ]);
      expect(dig(body, 'pacticipants')).toBeUndefined();
      expect((dig((await t.json('GET', '/pacticipants/label/ios?q=FO')).body, '_embedded', 'pacticipants') as unknown[]).length).toBe(1);
      expect(dig((await t.json('GET', '/pacticipants/label/none')).body, '_embedded', 'pacticipants')).toEqual([]);
    });

    it('pages on request under its own URL', async () => {
      await label('Foo', 'ios');
      await label('Bar', 'ios');
      const { body } = await t.json('GET', '/pacticipants/label/ios?pageSize=1');
      expect(dig(body, 'page')).toEqual({ number: 1, size: 1, totalElements: 2, totalPages: 2 });
      expect(dig(body, '_links', 'next')).toEqual({ href: `${BASE}/pacticipants/label/ios?size=1&page=2`, title: 'Next page' });
    });
  });
});
