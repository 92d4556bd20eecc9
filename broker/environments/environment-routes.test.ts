import { describe, expect, it } from 'vitest';
import { BASE, dig, startTestBroker, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });

  async function create(body: Record<string, unknown>): Promise<string> {
    const { status, body: created } = await t.json('POST', '/environments', { body });
    expect(status).toBe(201);
    return dig(created, 'uuid') as string;
  }

  describe('POST /environments', () => {
    it('creates an environment under a new uuid and answers it with its links', async () => {
      const contacts = [{ name: 'Team Awesome', details: { emailAddress: 'team@example.com', pager: 7 } }];
      const response = await t.json('POST', '/environments', { body: { name: 'staging', displayName: 'Staging EU', production: false, contacts } });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const uuid = dig(response.body, 'uuid') as string;
      expect(uuid).toMatch(UUID_V4);
      expect(response.headers.get('location')).toBe(`${BASE}/environments/${uuid}`);
      expect(response.body).toEqual({
        uuid,
        name: 'staging',
        displayName: 'Staging EU',
        production: false,
        contacts,
        createdAt: expect.stringMatching(/\+00:00$/),
        _links: {
          self: { title: 'Environment', name: 'staging', href: `${BASE}/environments/${uuid}` },
          'pb:currently-deployed-deployed-versions': {
            title: 'Versions currently deployed to Staging EU environment',
            href: `${BASE}/environments/${uuid}/deployed-versions/currently-deployed`,
          },
          'pb:currently-supported-released-versions': {
            title: 'Versions released and supported in Staging EU environment',
            href: `${BASE}/environments/${uuid}/released-versions/currently-supported`,
          },
          'pb:environments': { title: 'Environments', href: `${BASE}/environments` },
        },
      });
    });

    it.each([
      ['absent', {}],
      ['blank', { displayName: '  ' }],
    ])('generates the display name from the name when it is %s', async (_, displayName) => {
      const { body } = await t.json('POST', '/environments', { body: { name: 'prod-eu', production: true, ...displayName } });
      expect(body).toMatchObject({ name: 'prod-eu', displayName: 'Prod Eu', production: true });
      expect(dig(body, 'contacts')).toBeUndefined();
      await t.request('DELETE', `/environments/${dig(body, 'uuid') as string}`);
    });

    it('refuses a name that is taken, with the Ruby broker text, and creates nothing', async () => {
      await create({ name: 'taken', production: false });
      const { status, body } = await t.json('POST', '/environments', { body: { name: 'taken', production: true } });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { name: ["name 'taken' is already used by an existing environment."] } });
      expect(dig(await t.json('GET', '/environments?name=taken'), 'body', '_embedded', 'environments')).toHaveLength(1);
    });

    it('answers 400 with errors per field for an invalid body', async () => {
      const { status, headers, body } = await t.json('POST', '/environments', { body: { name: 'two words', production: 'yes' } });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(body).toEqual({ errors: { name: ['cannot contain spaces'], production: ['must be one of: true, false'] } });
    });

    it('answers 415 for a body that is not JSON, and 400 for malformed JSON', async () => {
      expect((await t.request('POST', '/environments', { body: 'name=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
      const malformed = await t.json('POST', '/environments', { body: '{"name":' });
      expect(malformed.status).toBe(400);
      expect(dig(malformed.body, 'error')).toMatch(/^JSON::ParserError - /);
    });
  });

  describe('GET /environments', () => {
    it('lists environments by display name regardless of case, with a link to each', async () => {
      const broker = await startTestBroker(database);
      try {
        const post = (name: string, displayName: string) => broker.json('POST', '/environments', { body: { name, displayName, production: false } });
        // Neither the names nor a case-sensitive comparison give this order.
        const zulu = dig((await post('a', 'zulu')).body, 'uuid');
        await post('b', 'alpha');
        await post('c', 'Bravo');
        const { status, body } = await broker.json('GET', '/environments');
        expect(status).toBe(200);
        expect((dig(body, '_embedded', 'environments') as { displayName: string }[]).map((environment) => environment.displayName)).toEqual(['alpha', 'Bravo', 'zulu']);
        expect(dig(body, '_links', 'self')).toEqual({ title: 'Environments', href: `${BASE}/environments` });
        expect(dig(body, '_links', 'pb:environments', 2)).toEqual({ title: 'Environment', name: 'a', href: `${BASE}/environments/${zulu as string}` });
      } finally {
        await broker.close();
      }
    });

    it('filters by exact name, and lists none for an unknown one', async () => {
      const uuid = await create({ name: 'qa', production: false });
      const { body } = await t.json('GET', '/environments?name=qa');
      expect(dig(body, '_embedded', 'environments')).toEqual([expect.objectContaining({ uuid, name: 'qa', displayName: 'Qa' })]);
      expect(dig(await t.json('GET', '/environments?name=QA'), 'body', '_embedded', 'environments')).toEqual([]);
    });
  });

  describe('/environments/{uuid}', () => {
    it('describes one environment', async () => {
      const uuid = await create({ name: 'uat', production: false, contacts: [{ name: 'QA team' }] });
      const { status, body } = await t.json('GET', `/environments/${uuid}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ uuid, name: 'uat', displayName: 'Uat', production: false, contacts: [{ name: 'QA team' }] });
    });

    it('replaces every field with PUT, keeping the uuid and removing contacts not given', async () => {
      const uuid = await create({ name: 'perf', production: false, contacts: [{ name: 'Perf team' }] });
      const { status, body } = await t.json('PUT', `/environments/${uuid}`, { body: { name: 'performance', displayName: 'Performance', production: true } });
      expect(status).toBe(200);
      expect(body).toMatchObject({ uuid, name: 'performance', displayName: 'Performance', production: true });
      expect(dig(body, 'contacts')).toBeUndefined();
      expect(dig(await t.json('GET', `/environments/${uuid}`), 'body', 'name')).toBe('performance');
    });

    it('lets PUT keep the environment name, but not take another environment name', async () => {
      const uuid = await create({ name: 'dev', production: false });
      await create({ name: 'devtest', production: false });
      expect((await t.json('PUT', `/environments/${uuid}`, { body: { name: 'dev', production: true } })).status).toBe(200);
      const { status, body } = await t.json('PUT', `/environments/${uuid}`, { body: { name: 'devtest', production: true } });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { name: ["name 'devtest' is already used by an existing environment."] } });
    });

    it('deletes an environment with 204 and no body', async () => {
      const uuid = await create({ name: 'gone', production: false });
      const response = await t.request('DELETE', `/environments/${uuid}`);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      expect((await t.request('GET', `/environments/${uuid}`)).status).toBe(404);
    });

    it.each(['GET', 'PUT', 'DELETE'])('answers 404 to %s of an unknown uuid', async (method) => {
      const { status, body } = await t.json(method, '/environments/5678', method === 'PUT' ? { body: { name: 'x', production: true } } : {});
      expect(status).toBe(404);
      expect(body).toEqual({ error: 'The requested document was not found on this server.' });
    });

    it('answers 405 with the allowed methods for POST', async () => {
      const response = await t.request('POST', '/environments/5678', { body: {} });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, PUT, DELETE, OPTIONS');
    });
  });
});
