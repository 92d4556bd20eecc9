import { describe, expect, it } from 'vitest';
import { dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

/** An interaction of the Ruby broker's spec/fixtures/a_consumer-a_provider*.json. */
function interaction(description: string, method: string, path: string): Record<string, unknown> {
  return { description, providerState: null, request: { method, path }, response: { status: 200, body: 'something' } };
}

function pact(...interactions: Record<string, unknown>[]): Record<string, unknown> {
  return { consumer: { name: 'A Consumer' }, provider: { name: 'A Provider' }, interactions };
}

const FIXTURE = pact(interaction('a request for something', 'get', '/something'));
const FIXTURE_3 = pact(interaction('another request for something', 'get', '/something_else'));
const CONFLICT = pact(interaction('a request for something', 'post', '/something'));

// Expected answers: the Ruby broker's spec/features/merge_pact_spec.rb (its fixtures a_consumer-a_provider.json,
// -3.json, -merged.json, -conflict.json), api/resources/pact.rb and pacts/merger.rb (team issue 14).
describeOnEachDatabase((database) => {
  const t = useTestBroker(database);
  const PATH = '/pacts/provider/A%20Provider/consumer/A%20Consumer/version/1.2.3';
  const withoutIds = (body: unknown) => (dig(body, 'interactions') as Record<string, unknown>[]).map(({ _id, ...rest }) => rest);

  describe('PATCH /pacts/provider/{p}/consumer/{c}/version/{v}', () => {
    it('creates the pact with 201 when the version has none', async () => {
      const { status, headers, body } = await t.json('PATCH', PATH, { body: FIXTURE });
      expect(status).toBe(201);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(withoutIds(body)).toEqual(FIXTURE.interactions);
    });

    it('merges the interactions into the existing pact with 200 (a_consumer-a_provider-merged.json)', async () => {
      expect((await t.request('PUT', PATH, { body: FIXTURE_3 })).status).toBe(201);
      const { status, headers, body } = await t.json('PATCH', PATH, { body: FIXTURE });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const merged = pact(interaction('another request for something', 'get', '/something_else'), interaction('a request for something', 'get', '/something'));
      expect(withoutIds(body)).toEqual(merged.interactions);
      expect(withoutIds((await t.json('GET', PATH)).body)).toEqual(merged.interactions);
      expect(dig((await t.json('GET', '/pacts/provider/A%20Provider/consumer/A%20Consumer/versions')).body, '_links', 'pact-versions')).toHaveLength(1);
    });

    it('replaces an interaction of the same description and state whose request is the same', async () => {
      await t.request('PUT', PATH, { body: FIXTURE });
      const changedResponse = pact({ ...interaction('a request for something', 'get', '/something'), response: { status: 201 } });
      const { status, body } = await t.json('PATCH', PATH, { body: changedResponse });
      expect(status).toBe(200);
      expect(withoutIds(body)).toEqual(changedResponse.interactions);
    });

    it('answers 409, without a body, for an interaction whose request it changes (a_consumer-a_provider-conflict.json)', async () => {
      await t.request('PUT', PATH, { body: FIXTURE });
      const response = await t.request('PATCH', PATH, { body: CONFLICT });
      expect(response.status).toBe(409);
      expect(await response.text()).toBe('');
      expect(dig((await t.json('GET', PATH)).body, 'interactions', 0, 'request', 'method')).toBe('get');
    });

    it('refuses names in the pact that differ from the path with 400', async () => {
      const { status, body } = await t.json('PATCH', '/pacts/provider/Another%20Provider/consumer/A%20Consumer/version/1.2.3', { body: FIXTURE });
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toContain('does not match');
    });
  });
});
