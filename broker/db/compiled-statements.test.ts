import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase, openMigratedTestDatabase } from '../test-support/test-database.js';
import { compiledStatement, MOST_COMPILED_SHAPES } from './compiled-statements.js';
import type { Db } from './database.js';

describeOnEachDatabase((database) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(database));
    await db.insertInto('pacticipants').values([{ name: 'Alpha', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }, { name: 'Beta', created_at: '2026-01-02T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' }]).execute();
  });
  afterAll(() => close());

  const pacticipants = compiledStatement((db: Db, order: 'asc' | 'desc', values: { name?: string; createdAfter?: string }) => {
    let query = db.selectFrom('pacticipants').select('name').orderBy('name', order);
    if (values.name !== undefined) query = query.where('name', '=', values.name);
    if (values.createdAfter !== undefined) query = query.where('created_at', '>', values.createdAfter);
    return query;
  });
  const names = async (order: 'asc' | 'desc', values: { name?: string; createdAfter?: string }) => (await db.executeQuery(pacticipants(db, order, values))).rows.map((row) => row.name);

  describe('compiledStatement', () => {
    it("binds each call's values to the statement compiled for its shape", async () => {
      expect(await names('asc', { name: 'Alpha' })).toEqual(['Alpha']);
      expect(await names('asc', { name: 'Beta' })).toEqual(['Beta']);
      expect(await names('asc', { name: 'Gamma' })).toEqual([]);
    });

    it('compiles another statement for another shape or another set of defined values', async () => {
      expect(await names('asc', {})).toEqual(['Alpha', 'Beta']);
      expect(await names('desc', {})).toEqual(['Beta', 'Alpha']);
      expect(await names('desc', { createdAfter: '2026-01-01T12:00:00Z' })).toEqual(['Beta']);
      expect(await names('desc', { name: 'Alpha', createdAfter: '2026-01-01T12:00:00Z' })).toEqual([]);
      expect(await names('asc', { name: undefined })).toEqual(['Alpha', 'Beta']);
    });

    it('hands the same statement text to every call of a shape', () => {
      expect(pacticipants(db, 'asc', { name: 'Alpha' }).sql).toBe(pacticipants(db, 'asc', { name: 'Beta' }).sql);
      expect(pacticipants(db, 'asc', { name: 'Beta' }).parameters).toEqual(['Beta']);
    });

    it('keeps a bounded number of shapes: past them a new shape is built at each call, and still runs', async () => {
      let builds = 0;
      const byShape = compiledStatement((db: Db, shape: string, values: { name: string }) => {
        builds++;
        return db.selectFrom('pacticipants').select('name').where('name', '=', values.name).where('name', '<>', shape);
      });
      for (let i = 0; i < MOST_COMPILED_SHAPES; i++) byShape(db, `shape ${i}`, { name: 'Alpha' });
      byShape(db, 'shape 0', { name: 'Alpha' });
      expect(builds).toBe(MOST_COMPILED_SHAPES);
      byShape(db, 'one too many', { name: 'Alpha' });
      const { rows } = await db.executeQuery(byShape(db, 'one too many', { name: 'Alpha' }));
      expect(builds).toBe(MOST_COMPILED_SHAPES + 2);
      expect(rows).toEqual([{ name: 'Alpha' }]);
    });
  });
});
