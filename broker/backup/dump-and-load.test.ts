import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';
import { createTestDatabase, describeOnEachDatabase, type TestDatabase } from '../test-support/test-database.js';
import { BACKUP_TABLES } from './backup-tables.js';
import { countRows, dumpDatabase, type AnyTables, type TableChunk } from './dump-database.js';
import { BackupDataError, DatabaseLoader } from './load-database.js';
import type { Kysely } from 'kysely';

describeOnEachDatabase((kind) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let from: Db;
  let to: Db;

  beforeEach(async () => {
    [source, target] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
    from = openDatabase(source.url);
    to = openDatabase(target.url);
    await Promise.all([migrateToLatest(from), migrateToLatest(to)]);
  });

  afterEach(async () => {
    await Promise.all([from.destroy(), to.destroy()]);
    await Promise.all([source.drop(), target.drop()]);
  });

  async function seed(versions: number): Promise<void> {
    const at = '2026-11-23T10:00:00.000Z';
    const { id } = await from.insertInto('pacticipants').values({ name: 'Web', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    for (let order = 1; order <= versions; order += 1) {
      await from.insertInto('versions').values({ number: `${order}.0.0`, pacticipant_id: id, order, created_at: at, updated_at: at }).execute();
    }
  }

  async function dumpAll(chunkBytes?: number) {
    const chunks: TableChunk[] = [];
    let schemaVersion = '';
    await dumpDatabase(from, { begin: async (snapshot) => void (schemaVersion = snapshot.schemaVersion), chunk: async (chunk) => void chunks.push(chunk) }, chunkBytes);
    return { chunks, schemaVersion };
  }

  it('the table list names every table the migrations create, parents first', async () => {
    const tables = (await from.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
    expect([...BACKUP_TABLES].sort()).toEqual(tables.sort());
  });

  it('dumps rows in chunks of bounded size and loads them into an empty database with the same ids', async () => {
    await seed(50);
    const { chunks, schemaVersion } = await dumpAll(1000);
    expect(schemaVersion).toBe('004-webhooks');
    const versionChunks = chunks.filter((chunk) => chunk.table === 'versions');
    expect(versionChunks.length).toBeGreaterThan(3);
    expect(versionChunks.map((chunk) => chunk.part)).toEqual(versionChunks.map((_, index) => index + 1));

    const loader = await DatabaseLoader.open(to, kind === 'postgres' ? 'public' : undefined);
    for (const chunk of chunks) await loader.loadChunk(chunk.table, chunk.ndjson);
    await loader.finish();
    expect(loader.counts()).toEqual(await countRows(from as unknown as Kysely<AnyTables>));
    const copied = await to.selectFrom('versions').selectAll().orderBy('id').execute();
    expect(copied).toEqual(await from.selectFrom('versions').selectAll().orderBy('id').execute());
    // Ids continue after the highest loaded one (PostgreSQL's identity moved past them).
    const at = 'now';
    const next = await to.insertInto('versions').values({ number: 'x', pacticipant_id: copied[0]!.pacticipant_id, order: 99, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    expect(next.id).toBe(51);
  });

  it.each([
    ['a table that does not exist', 'nonsense', '{}\n', /not a table of the broker/],
    ['a line that is not JSON', 'pacticipants', '{"id": 1,\n', /line 1 of a "pacticipants" entry is not JSON/],
    ['a row with other columns', 'pacticipants', '{"id": 1, "name": "x"}\n', /has the columns id, name; the table has/],
    ['a value that is an object', 'environments', `${JSON.stringify({ id: 1, uuid: 'u', name: 'n', display_name: null, production: { yes: true }, contacts: null, created_at: 'a', updated_at: 'a' })}\n`, /holds a object in "production"/],
  ])('refuses %s', async (_name, table, ndjson, message) => {
    const loader = await DatabaseLoader.open(to, kind === 'postgres' ? 'public' : undefined);
    await expect(loader.loadChunk(table, Buffer.from(ndjson))).rejects.toThrow(message);
  });

  it('refuses rows whose parent is missing, naming the table', async () => {
    const loader = await DatabaseLoader.open(to, kind === 'postgres' ? 'public' : undefined);
    const orphan = { id: 1, number: '1', pacticipant_id: 42, order: 1, build_url: null, created_at: 'a', updated_at: 'a' };
    await expect(loader.loadChunk('versions', Buffer.from(JSON.stringify(orphan) + '\n'))).rejects.toThrow(BackupDataError);
    await expect(loader.loadChunk('versions', Buffer.from(JSON.stringify(orphan) + '\n'))).rejects.toThrow(/Rows 1–1 of "versions" could not be loaded/);
  });
});
