import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const UUID = 'abcdefghijklmnop1234';
const request = (overrides: Record<string, unknown> = {}) => ({ method: 'POST', url: 'https://ci.example/build', ...overrides });

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { webhookHostWhitelist: ['ci.example', '*.builds.example'], scope: 'all' });
  beforeAll(async () => {
    for (const name of ['Foo', 'Bar']) expect((await t.json('POST', '/pacticipants', { body: { name } })).status).toBe(201);
  });

  describe('POST /webhooks', () => {
    it('creates a webhook under a new uuid, defaults the event, and redacts credentials on read', async () => {
      const body = {
        consumer: { name: 'Foo' },
        provider: { label: 'team-a' },
        request: request({ headers: { Authorization: 'Bearer secret', 'X-Token': '${pactbroker.consumerName}', Accept: 'application/json' }, body: { a: 1 }, username: 'u', password: 'p' }),
      };
      const response = await t.json('POST', '/webhooks', { body });
      expect(response.status).toBe(201);
      const uuid = dig(response.body, 'uuid') as string;
      expect(uuid).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(response.headers.get('location')).toBe(`${BASE}/webhooks/${uuid}`);
      const read = await t.json('GET', `/webhooks/${uuid}`);
      expect(read.body).toEqual({
        uuid,
        description: 'POST ci.example',
        consumer: { name: 'Foo' },
        provider: { label: 'team-a' },
        enabled: true,
        request: {
          method: 'POST',
          url: 'https://ci.example/build',
          headers: { authorization: '**********', 'x-token': '${pactbroker.consumerName}', accept: 'application/json' },
          body: { a: 1 },
          username: 'u',
          password: '**********',
        },
        events: [{ name: 'contract_content_changed' }],
        createdAt: expect.stringMatching(/\+00:00$/),
        _links: {
          self: { title: 'POST ci.example', href: `${BASE}/webhooks/${uuid}` },
          'pb:execute': expect.objectContaining({ href: `${BASE}/webhooks/${uuid}/execute` }),
          'pb:consumer': { title: 'Consumer', name: 'Foo', href: `${BASE}/pacticipants/Foo` },
          'pb:providers': { title: 'Providers by label', name: 'team-a', href: `${BASE}/pacticipants/label/team-a` },
          'pb:webhooks': { title: 'All webhooks', href: `${BASE}/webhooks` },
        },
      });
    });

    it.each([
      ['no request', {}, { request: ['is missing'] }],
      ['an unknown consumer', { consumer: { name: 'Nope' }, request: request() }, { 'consumer.name': ['does not match an existing pacticipant'] }],
      ['a blank provider', { provider: { name: ' ' }, request: request() }, { 'provider.name': ['cannot be blank'] }],
      ['name and label', { consumer: { name: 'Foo', label: 'x' }, request: request() }, { 'consumer.label': ['name and label cannot be provided at the same time'] }],
      ['a GET', { request: request({ method: 'GET' }) }, { 'request.method': ['must be POST. See /doc/webhooks#whitelist for more information.'] }],
      ['an unknown method', { request: request({ method: 'Post%0d%0a' }) }, { 'request.method': ['is not a recognised HTTP method'] }],
      ['no method', { request: { url: 'https://ci.example' } }, { 'request.method': ['is missing'] }],
      ['an invalid URL', { request: request({ url: 'bl ah' }) }, { 'request.url': ['is not a valid URL eg. http://example.org'] }],
      ['a URL without scheme', { request: request({ url: 'blah' }) }, { 'request.url': ['is not a valid URL eg. http://example.org'] }],
      ['a templated host', { request: request({ url: 'https://${pactbroker.consumerName}/x' }) }, { 'request.url': ['cannot have a template parameter in the host'] }],
      ['http', { request: request({ url: 'http://ci.example/x' }) }, { 'request.url': ['scheme must be https. See /doc/webhooks#whitelist for more information.'] }],
      ['a host not whitelisted', { request: request({ url: 'https://evil.example/x' }) }, { 'request.url': ['host must be in the whitelist "ci.example", "*.builds.example". See /doc/webhooks#whitelist for more information.'] }],
      ['empty events', { request: request(), events: [] }, { events: ['size cannot be less than 1'] }],
      ['an unknown event', { request: request(), events: [{ name: 'foo' }] }, { events: ['name must be one of: contract_published, contract_content_changed, provider_verification_published, provider_verification_succeeded, provider_verification_failed, contract_requiring_verification_published (at index 0)'] }],
      ['a string enabled', { request: request(), enabled: 'yes' }, { enabled: ['must be boolean'] }],
    ])('refuses %s with the Ruby broker texts', async (_, body, errors) => {
      const response = await t.json('POST', '/webhooks', { body });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ errors });
    });

    it('accepts a templated path, a wildcard-whitelisted host and every event name', async () => {
      const events = ['contract_published', 'provider_verification_failed'].map((name) => ({ name }));
      const response = await t.json('POST', '/webhooks', { body: { request: request({ url: 'https://x.builds.example/${pactbroker.consumerVersionNumber}' }), events, enabled: false } });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ enabled: false, events });
    });
  });

  describe('PUT /webhooks/{uuid}', () => {
    it('creates with 201, then updates with 200 keeping the redacted password and headers', async () => {
      const body = { description: 'Build', request: request({ headers: { Authorization: 'Bearer s3cret' }, password: 'pw', username: 'u' }) };
      expect((await t.json('PUT', `/webhooks/${UUID}`, { body })).status).toBe(201);
      const read = (await t.json('GET', `/webhooks/${UUID}`)).body as { request: Record<string, unknown> };
      const updated = await t.json('PUT', `/webhooks/${UUID}`, { body: { description: 'Rebuild', request: read.request } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ description: 'Rebuild', request: { password: '**********', headers: { authorization: '**********' } } });
      expect(dig(updated.body, 'updatedAt')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    });

    it('refuses an invalid uuid', async () => {
      const response = await t.json('PUT', '/webhooks/short', { body: { request: request() } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ errors: { uuid: ['The UUID can only contain the characters A-Z, a-z, 0-9, _ and -, and must be 16 or more characters.'] } });
    });
  });

  describe('lists', () => {
    it('lists all webhooks and those of exactly one scope', async () => {
      const scoped = await t.json('POST', '/webhooks/provider/Bar/consumer/Foo', { body: { request: request() } });
      expect(scoped.status).toBe(201);
      expect(scoped.body).toMatchObject({ consumer: { name: 'Foo' }, provider: { name: 'Bar' } });
      const uuid = dig(scoped.body, 'uuid') as string;
      const all = await t.json('GET', '/webhooks');
      expect(dig(all.body, '_links', 'self')).toEqual({ title: 'Webhooks', href: `${BASE}/webhooks` });
      expect((dig(all.body, '_links', 'pb:webhooks') as unknown[]).length).toBeGreaterThan(2);
      const pact = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/webhooks');
      expect(dig(pact.body, '_links', 'pb:webhooks')).toEqual([
        { title: 'A webhook for the pact between Foo and Bar', name: 'POST ci.example', href: `${BASE}/webhooks/${uuid}` },
      ]);
      expect(dig(pact.body, '_links', 'self', 'title')).toBe('Pact webhooks');
      expect(dig((await t.json('GET', '/webhooks/provider/Bar')).body, '_links', 'pb:webhooks')).toEqual([]);
      const unknown = await t.json('GET', '/webhooks/consumer/Nope');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: "No consumer with name 'Nope' found" });
    });
  });

  describe('DELETE /webhooks/{uuid}', () => {
    it('deletes with 204, then answers 404', async () => {
      const uuid = dig((await t.json('POST', '/webhooks', { body: { request: request() } })).body, 'uuid') as string;
      expect((await t.request('DELETE', `/webhooks/${uuid}`)).status).toBe(204);
      expect((await t.request('GET', `/webhooks/${uuid}`)).status).toBe(404);
      expect((await t.request('DELETE', `/webhooks/${uuid}`)).status).toBe(404);
    });
  });
});
