import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATION_NAMES, migrateUpTo, openDatabase, type Db } from '../db/index.js';
import { useSuiteResource } from '../test-support/suite-resource.js';
import { createTestDatabase, describeOnEachDatabase, type DatabaseKind } from '../test-support/test-database.js';
import { BACKUP_TABLES, backupTablesAt } from './backup-tables.js';
import type { DatabaseSnapshot, TableChunk } from './dump-database.js';
import { dumpBrokerDatabase, openStagingLoad } from './index.js';

const AT = '2026-11-23T10:00:00.000Z';
/** The last migration before 012 added two tables: a tenant whose broker image predates 012 has this schema. */
const BEFORE_WIP_TABLES = '011-wip-indexes';
/** As a docker tenant's restore: a staging schema beside `public`. */
const STAGING_SCHEMA = 'pactsafs_restore';

/** A fresh, empty database of `kind` and a handle on it; `close` shuts and drops it. */
async function openEmptyDatabase(kind: DatabaseKind): Promise<{ url: string; db: Db; close(): Promise<void> }> {
  const database = await createTestDatabase(kind);
  const db = openDatabase(database.url, { maxConnections: 1 });
  return {
    url: database.url,
    db,
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

/** Web's version 1 on its branch main, with a pact with Orders: what migration 012 fills branch_head_pacts from. */
async function seedBranchHeadWithPact(db: Db): Promise<void> {
  const times = { created_at: AT, updated_at: AT };
  await db.insertInto('pacticipants').values([{ id: 1, name: 'Web', ...times }, { id: 2, name: 'Orders', ...times }]).execute();
  await db.insertInto('versions').values({ id: 1, number: '1.0.0', pacticipant_id: 1, order: 1, ...times }).execute();
  await db.insertInto('pact_versions').values({ id: 1, consumer_id: 1, provider_id: 2, sha: 'abc', content: '{}', interactions_count: 0, messages_count: 0, created_at: AT }).execute();
  await db.insertInto('pact_publications').values({ id: 1, consumer_version_id: 1, provider_id: 2, consumer_id: 1, revision_number: 1, pact_version_id: 1, consumer_version_order: 1, created_at: AT }).execute();
  await db.insertInto('latest_pact_publication_ids_for_consumer_versions').values({ provider_id: 2, consumer_version_id: 1, consumer_id: 1, pact_publication_id: 1, pact_version_id: 1, created_at: AT }).execute();
  await db.insertInto('branches').values({ id: 1, pacticipant_id: 1, name: 'main', ...times }).execute();
  await db.insertInto('branch_versions').values({ id: 1, branch_id: 1, version_id: 1, version_order: 1, pacticipant_id: 1, branch_name: 'main', auto_created: 0, ...times }).execute();
  await db.insertInto('branch_heads').values({ id: 1, branch_id: 1, branch_version_id: 1, version_id: 1, pacticipant_id: 1, branch_name: 'main' }).execute();
}

// Version skew: the platform backs up a tenant whose broker image is older than its own code (not yet restarted on the new image).
describeOnEachDatabase((kind) => {
  const source = useSuiteResource(() => openEmptyDatabase(kind));
  const target = useSuiteResource(() => openEmptyDatabase(kind));

  it('knows the tables of every schema version: those its migrations create', async () => {
    for (const version of MIGRATION_NAMES) {
      await migrateUpTo(source().db, version);
      const tables = await source().db.introspection.getTables();
      const created = tables.filter((table) => !table.name.startsWith('kysely_')).map((table) => table.name);
      expect(backupTablesAt(version), version).toEqual(BACKUP_TABLES.filter((table) => created.includes(table)));
      expect(created.length, version).toBe(backupTablesAt(version).length);
    }
  });

  it('backs up a database at an older schema version (before 012) and restores it into the latest schema', async () => {
    await migrateUpTo(source().db, BEFORE_WIP_TABLES);
    await seedBranchHeadWithPact(source().db);

    const chunks: TableChunk[] = [];
    let snapshot: DatabaseSnapshot | undefined;
    await dumpBrokerDatabase(source().url, { begin: async (begun) => void (snapshot = begun), chunk: async (chunk) => void chunks.push(chunk) });
    expect(snapshot?.schemaVersion).toBe(BEFORE_WIP_TABLES);
    expect(Object.keys(snapshot!.counts)).not.toContain('branch_head_pacts');
    expect(chunks.map((chunk) => chunk.table)).toContain('branch_heads');

    const schema = kind === 'postgres' ? STAGING_SCHEMA : undefined;
    if (schema) await sql`create schema ${sql.id(schema)}`.execute(target().db);
    const load = await openStagingLoad({ url: target().url, schema }, snapshot!.schemaVersion);
    for (const chunk of chunks) await load.loadChunk(chunk.table, chunk.ndjson);
    let loaded: Record<string, number> = {};
    await load.finish((counts) => void (loaded = counts));
    expect(loaded).toEqual(Object.fromEntries(BACKUP_TABLES.map((table) => [table, snapshot!.counts[table] ?? 0])));

    const restored = openDatabase(target().url, { schema, maxConnections: 1 });
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(restored);
      expect(rows[0]?.name).toBe(MIGRATION_NAMES.at(-1));
      // Migrations 012 and 013 filled the new table from the restored rows.
      expect(await restored.selectFrom('branch_head_pacts').selectAll().execute()).toEqual([
        { branch_head_id: 1, provider_id: 2, consumer_version_id: 1, pact_version_id: 1, branch_name: 'main', published_at: AT },
      ]);
    } finally {
      await restored.destroy();
    }
  });
});
