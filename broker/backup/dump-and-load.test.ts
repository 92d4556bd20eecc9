import { expect, it } from 'vitest';
import { useSuiteResource } from '../test-support/suite-resource.js';
import { describeOnEachDatabase, openMigratedTestDatabase } from '../test-support/test-database.js';
import { BACKUP_TABLES } from './backup-tables.js';
import { countRows, dumpDatabase, type AnyTables, type TableChunk } from './dump-database.js';
import { BackupDataError, BackupRowError, DatabaseLoader } from './load-database.js';
import { MIGRATION_NAMES } from '../db/index.js';
import { ROW_SCHEMAS } from './row-schemas.js';
import type { Kysely } from 'kysely';

const AT = '2026-11-23T10:00:00.000Z';
const VERSION = { id: 1, number: '1', pacticipant_id: 1, order: 1, build_url: null, created_at: AT, updated_at: AT };
const PACT_VERSION = { id: 1, consumer_id: 1, provider_id: 2, sha: 'abc', content: '{"consumer":{"name":"Web"}}', interactions_count: 1, messages_count: 0, created_at: AT };
const WEBHOOK = {
  id: 1, uuid: 'w', description: null, method: 'POST', url: 'https://ci.example.com', headers: null, body: '{"a":', is_json_request_body: 1,
  username: null, password: null, enabled: 1, consumer_id: null, provider_id: null, consumer_label: null, provider_label: null, created_at: AT, updated_at: AT,
};
const PROVIDER_CONTRACT = {
  id: 1, provider_id: 1, provider_version_id: 1, sha: 'c0ffee', content: 'openapi: 3.0.3', content_type: 'application/yaml', specification: 'oas',
  self_verification_success: 1, self_verification_content: 'ok', self_verification_content_type: 'text/plain', self_verification_format: null,
  verifier: 'schemathesis', verifier_version: null, created_at: AT, updated_at: AT,
};
/** A row of each table used above that fits: the refused one comes second. */
const ROWS = {
  versions: VERSION,
  pact_versions: PACT_VERSION,
  environments: { id: 1, uuid: 'u', name: 'n', display_name: null, production: 1, contacts: '[]', created_at: AT, updated_at: AT },
  webhooks: { ...WEBHOOK, body: '{"a":1}' },
};

describeOnEachDatabase((kind) => {
  const source = useSuiteResource(() => openMigratedTestDatabase(kind));
  const target = useSuiteResource(() => openMigratedTestDatabase(kind));
  const from = () => source().db;
  const to = () => target().db;

  async function seed(versions: number): Promise<void> {
    const at = '2026-11-23T10:00:00.000Z';
    const { id } = await from().insertInto('pacticipants').values({ name: 'Web', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await from().insertInto('labels').values({ name: 'team-a', pacticipant_id: id, created_at: at, updated_at: at }).execute();
    for (let order = 1; order <= versions; order += 1) {
      await from().insertInto('versions').values({ number: `${order}.0.0`, pacticipant_id: id, order, created_at: at, updated_at: at }).execute();
    }
    await seedBiDirectional(id, at);
  }

  /** Issue 15: a provider contract of version 1 and its comparison with a pact content. */
  async function seedBiDirectional(pacticipantId: number, at: string): Promise<void> {
    await from().insertInto('pact_versions').values({ ...PACT_VERSION, consumer_id: pacticipantId, provider_id: pacticipantId }).execute();
    await from().insertInto('provider_contracts').values(PROVIDER_CONTRACT).execute();
    await from().insertInto('cross_contract_comparisons').values({ pact_version_id: 1, contract_sha: 'c0ffee', success: 0, mismatches: '[{"type":"error"}]', created_at: at }).execute();
  }

  async function dumpAll(chunkBytes?: number) {
    const chunks: TableChunk[] = [];
    let schemaVersion = '';
    await dumpDatabase(from(), { begin: async (snapshot) => void (schemaVersion = snapshot.schemaVersion), chunk: async (chunk) => void chunks.push(chunk) }, chunkBytes);
    return { chunks, schemaVersion };
  }

  it('the table list names every table the migrations create, parents first', async () => {
    const tables = (await from().introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
    expect([...BACKUP_TABLES].sort()).toEqual(tables.sort());
  });

  it('has a row schema for every column the migrations create', async () => {
    for (const table of await from().introspection.getTables()) {
      if (table.name.startsWith('kysely_')) continue;
      expect(Object.keys(ROW_SCHEMAS[table.name as keyof typeof ROW_SCHEMAS]).sort(), table.name).toEqual(table.columns.map((column) => column.name).sort());
    }
  });

  it('dumps rows in chunks of bounded size and loads them into an empty database with the same ids', async () => {
    await seed(50);
    const { chunks, schemaVersion } = await dumpAll(1000);
    expect(schemaVersion).toBe(MIGRATION_NAMES.at(-1));
    const versionChunks = chunks.filter((chunk) => chunk.table === 'versions');
    expect(versionChunks.length).toBeGreaterThan(3);
    expect(versionChunks.map((chunk) => chunk.part)).toEqual(versionChunks.map((_, index) => index + 1));

    const loader = await DatabaseLoader.open(to(), kind === 'postgres' ? 'public' : undefined);
    for (const chunk of chunks) await loader.loadChunk(chunk.table, chunk.ndjson);
    await loader.finish();
    expect(loader.counts()).toEqual(await countRows(from() as unknown as Kysely<AnyTables>, BACKUP_TABLES));
    // Issue 14: a pacticipant's labels survive a dump and load.
    expect(await to().selectFrom('labels').selectAll().execute()).toEqual([{ name: 'team-a', pacticipant_id: 1, created_at: AT, updated_at: AT }]);
    // Issue 15: provider contracts and comparisons too.
    expect(await to().selectFrom('provider_contracts').selectAll().execute()).toEqual([PROVIDER_CONTRACT]);
    expect(await to().selectFrom('cross_contract_comparisons').select(['pact_version_id', 'contract_sha', 'mismatches']).execute()).toEqual([
      { pact_version_id: 1, contract_sha: 'c0ffee', mismatches: '[{"type":"error"}]' },
    ]);
    const copied = await to().selectFrom('versions').selectAll().orderBy('id').execute();
    expect(copied).toEqual(await from().selectFrom('versions').selectAll().orderBy('id').execute());
    // Ids continue after the highest loaded one (PostgreSQL's identity moved past them).
    const at = 'now';
    const next = await to().insertInto('versions').values({ number: 'x', pacticipant_id: copied[0]!.pacticipant_id, order: 99, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    expect(next.id).toBe(51);
  });

  it.each([
    ['a table that does not exist', 'nonsense', '{}\n', /not a table of the broker/],
    ['a line that is not JSON', 'pacticipants', '{"id": 1,\n', /line 1 of a "pacticipants" entry is not JSON/],
    ['a row with other columns', 'pacticipants', '{"id": 1, "name": "x"}\n', /has the columns id, name; the table has/],
    ['a value that is an object', 'environments', `${JSON.stringify({ id: 1, uuid: 'u', name: 'n', display_name: null, production: { yes: true }, contacts: null, created_at: AT, updated_at: AT })}\n`, /"production" holds a JSON object; it must be 0 or 1/],
  ])('refuses %s', async (_name, table, ndjson, message) => {
    const loader = await DatabaseLoader.open(to(), kind === 'postgres' ? 'public' : undefined);
    await expect(loader.loadChunk(table, Buffer.from(ndjson))).rejects.toThrow(message);
  });

  // Issue 11: rows that load but break the broker when it reads them back (500s) are refused before the swap.
  it.each([
    ['pact content that is not JSON', 'pact_versions', { ...PACT_VERSION, content: 'not json {' }, /^Row 2 of "pact_versions" does not fit the table: "content" holds the text "not json \{"; it must be a JSON object as text\.$/],
    ['pact content that is JSON but no object', 'pact_versions', { ...PACT_VERSION, content: 'null' }, /"content" holds the text "null"; it must be a JSON object/],
    ['a string in an integer column', 'versions', { ...VERSION, order: 'abc' }, /^Row 2 of "versions" does not fit the table: "order" holds the text "abc"; it must be a whole number\.$/],
    ['a fraction in an integer column', 'versions', { ...VERSION, pacticipant_id: 1.5 }, /"pacticipant_id" holds the number 1.5; it must be a whole number/],
    ['null in a column that needs a value', 'versions', { ...VERSION, number: null }, /"number" is null; it must be text/],
    ['a time that is no time', 'versions', { ...VERSION, created_at: 'yesterday' }, /"created_at" holds the text "yesterday"; it must be a time as ISO 8601 UTC text/],
    ['a flag other than 0 or 1', 'environments', { id: 1, uuid: 'u', name: 'n', display_name: null, production: 2, contacts: null, created_at: AT, updated_at: AT }, /"production" holds the number 2; it must be 0 or 1/],
    ['contacts that are not a JSON array', 'environments', { id: 1, uuid: 'u', name: 'n', display_name: null, production: 1, contacts: '{}', created_at: AT, updated_at: AT }, /"contacts" holds the text "\{\}"; it must be a JSON array as text/],
    ['a JSON webhook body that is not JSON', 'webhooks', WEBHOOK, /"body" is not JSON text, though "is_json_request_body" is 1/],
  ])('refuses %s, naming the table, row and column', async (_name, table, row, message) => {
    const loader = await DatabaseLoader.open(to(), kind === 'postgres' ? 'public' : undefined);
    const ndjson = Buffer.from(`${JSON.stringify(ROWS[table as keyof typeof ROWS])}\n${JSON.stringify(row)}\n`);
    const refused = loader.loadChunk(table, ndjson);
    await expect(refused).rejects.toThrow(BackupRowError);
    await expect(refused).rejects.toThrow(message);
  });

  it('refuses rows whose parent is missing, naming the table', async () => {
    const loader = await DatabaseLoader.open(to(), kind === 'postgres' ? 'public' : undefined);
    const orphan = { ...VERSION, pacticipant_id: 42 };
    // On PostgreSQL the server's verdict on a chunk comes with the next call: its COPY runs meanwhile (issue 13).
    const refused = loader.loadChunk('versions', Buffer.from(JSON.stringify(orphan) + '\n')).then(() => loader.finish());
    await expect(refused).rejects.toThrow(BackupDataError);
    await expect(refused).rejects.toThrow(/Rows 1–1 of "versions" could not be loaded/);
  });
});

