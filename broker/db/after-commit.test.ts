import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, openMigratedTestDatabase } from '../test-support/test-database.js';
import { afterCommit } from './after-commit.js';
import type { Db } from './database.js';

// Team issue 13: the webhook worker is woken by afterCommit; a wake before the commit would find no row.
describeOnEachDatabase((database) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(database));
  });
  afterAll(() => close());

  const now = '2026-01-01T00:00:00Z';
  const insert = (handle: Db, name: string) => handle.insertInto('pacticipants').values({ name, created_at: now, updated_at: now }).execute();
  const names = async (name: string) => (await db.selectFrom('pacticipants').select('name').where('name', '=', name).execute()).map((row) => row.name);

  it('calls back once the transaction has committed, where a read sees what it wrote', async () => {
    let seen: Promise<string[]> | undefined;
    await db.transaction().execute(async (tx) => {
      await insert(tx, 'Committed');
      await afterCommit(tx, () => (seen = names('Committed')));
      await insert(tx, 'After the registration');
      expect(seen).toBeUndefined();
    });
    expect(await seen).toEqual(['Committed']);
  });

  it('never calls back for a transaction rolled back, nor for the next one on its connection', async () => {
    let calls = 0;
    const failing = db.transaction().execute(async (tx) => {
      await insert(tx, 'Rolled back');
      await afterCommit(tx, () => calls++);
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    await db.transaction().execute((tx) => insert(tx, 'Next'));
    expect(calls).toBe(0);
    expect(await names('Rolled back')).toEqual([]);
  });

  it('calls back at once outside a transaction', async () => {
    let calls = 0;
    await afterCommit(db, () => calls++);
    expect(calls).toBe(1);
  });
});
