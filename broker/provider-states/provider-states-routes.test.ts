import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publishProviderStatePacts } from '../test-support/provider-states-fixture.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });
  beforeAll(async () => {
    await publishProviderStatePacts(t);
    await t.json('POST', '/pacticipants', { body: { name: 'Lonely' } });
  });

  describe('GET /pacts/provider/{p}/provider-states', () => {
    it('lists the states of the main branch heads sorted by name, with their params and consumers', async () => {
      const { status, headers, body } = await t.json('GET', '/pacts/provider/Bar/provider-states');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(body).toEqual({
        providerStates: [
          { name: 'product details', params: { id: '0589' }, consumers: ['Foo2', 'Waffle'] },
          { name: 'state 1', consumers: ['Foo'] },
          { name: 'state 2', consumers: ['Foo'] },
          { name: 'state 3', consumers: ['Waffle'] },
        ],
      });
    });

    it.each([
      ['/pacts/provider/Bar/provider-states/branch/feat%2Fx', [{ name: 'state on a branch', consumers: ['Foo'] }]],
      ['/pacts/provider/Bar/provider-states/branch/none', []],
      [
        '/pacts/provider/Bar/provider-states/environment/test',
        [
          { name: 'old state', consumers: ['Waffle'] },
          { name: 'state on a branch', consumers: ['Foo'] },
        ],
      ],
      ['/pacts/provider/Bar/provider-states/environment/nowhere', []],
      ['/pacts/provider/Lonely/provider-states', []],
    ])('%s lists %j', async (path, providerStates) => {
      const { status, body } = await t.json('GET', path);
      expect(status).toBe(200);
      expect(body).toEqual({ providerStates });
    });

    it.each([['/pacts/provider/Nope/provider-states'], ['/pacts/provider/Nope/provider-states/environment/test']])('%s answers 404 naming the provider', async (path) => {
      const { status, body } = await t.json('GET', path);
      expect(status).toBe(404);
      expect(body).toEqual({ error: "No provider with name 'Nope' found" });
    });
  });
});
