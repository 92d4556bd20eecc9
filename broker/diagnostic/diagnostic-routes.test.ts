import { describe, expect, it } from 'vitest';
import { BASE, startTestBroker, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });

  describe('diagnostics', () => {
    it('answers the heartbeat', async () => {
      const { status, headers, body } = await t.json('GET', '/diagnostic/status/heartbeat');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(body).toEqual({ ok: true, _links: { self: { href: `${BASE}/diagnostic/status/heartbeat` } } });
    });

    it('reports the database as a dependency', async () => {
      const { status, body } = await t.json('GET', '/diagnostic/status/dependencies');
      expect(status).toBe(200);
      expect(body).toEqual({ database: { ok: true }, _links: { self: { href: `${BASE}/diagnostic/status/dependencies` } } });
    });

    it('reports a database that does not answer with 500, while the heartbeat still answers', async () => {
      const broken = await startTestBroker(database);
      await broken.broker.close();
      const { status, body } = await broken.json('GET', '/diagnostic/status/dependencies');
      expect(status).toBe(500);
      expect(body).toMatchObject({ database: { ok: false, error: { message: expect.any(String) } } });
      expect((await broken.request('GET', '/diagnostic/status/heartbeat')).status).toBe(200);
      await broken.close();
    });
  });
});
