import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { useSuiteResource } from '../test-support/suite-resource.js';
import { describeOnEachDatabase, openMigratedTestDatabase } from '../test-support/test-database.js';
import { BACKUP_TABLES } from './backup-tables.js';
import { dumpDatabase, type AnyTables, type TableChunk } from './dump-database.js';
import { BackupDataError, BackupRowError, DatabaseLoader } from './load-database.js';

const AT = '2026-11-23T10:00:00.000Z';
/** Text that breaks a naive COPY text line: its delimiters, escapes, end-of-data and NULL markers, and non-ASCII. */
const HOSTILE = [
  'tab\there', 'new\nline', 'carriage\r\nreturn', 'back\\slash', '\\N', '\\.', '\\.\n\\.', 'ends with a backslash\\', '\\t is not a tab',
  'trailing tab\t', '\t', '\n', '\\', ' ', '', 'naïve — 🚀 ‮ltr‬ 中文', '"quoted", \'single\'', 'x'.repeat(70_000) + '\t\\\n',
];

describeOnEachDatabase((kind) => {
  const source = useSuiteResource(() => openMigratedTestDatabase(kind));
  const target = useSuiteResource(() => openMigratedTestDatabase(kind));
  const from = () => source().db;
  const to = () => target().db;

  /** Everything `from` holds, dumped and loaded into `to` as a restore does (chunks of 10 kB unless told: several COPYs per table). */
  async function copyOver(chunkBytes = 10_000): Promise<void> {
    const chunks: TableChunk[] = [];
    await dumpDatabase(from(), { begin: async () => {}, chunk: async (chunk) => void chunks.push(chunk) }, chunkBytes);
    const loader = await DatabaseLoader.open(to(), kind === 'postgres' ? 'public' : undefined);
    for (const chunk of chunks) await loader.loadChunk(chunk.table, chunk.ndjson);
    await loader.finish();
  }

  async function everyRow(db: Db): Promise<Record<string, unknown[]>> {
    const tables = db as unknown as Kysely<AnyTables>;
    const rows: Record<string, unknown[]> = {};
    for (const table of BACKUP_TABLES) rows[table] = await tables.selectFrom(table).selectAll().execute();
    return rows;
  }

  // Issue 13: restores into PostgreSQL load with COPY's text format, where these values need escaping.
  it('round-trips hostile text, JSON, empty text against null and extreme integers exactly', async () => {
    for (const [index, text] of HOSTILE.entries()) {
      const id = index + 1;
      await from().insertInto('pacticipants').values({ id, name: `p${id} ${text}`, display_name: text, repository_url: index % 2 ? null : text, created_at: AT, updated_at: AT }).execute();
      await from().insertInto('versions').values({ id, number: text === '' ? 'empty' : text, pacticipant_id: id, order: index % 2 ? 2_147_483_647 : -2_147_483_648, build_url: index % 3 ? '' : null, created_at: AT, updated_at: AT }).execute();
      const content = JSON.stringify({ consumer: { name: text }, interactions: [{ description: text, body: { [text]: [text, null, -0.5e-7] } }] });
      await from().insertInto('pact_versions').values({ id, consumer_id: id, provider_id: 1, sha: `sha${id}`, content, interactions_count: 1, messages_count: 0, created_at: AT }).execute();
      await from()
        .insertInto('webhooks')
        .values({ id, uuid: `w${id}`, description: text, method: 'POST', url: 'https://ci.example.com', headers: JSON.stringify({ 'X-Text': text }), body: text, is_json_request_body: 0, enabled: 1, created_at: AT, updated_at: AT })
        .execute();
    }
    const before = await everyRow(from());
    expect(before.pacticipants).toHaveLength(HOSTILE.length);

    await copyOver();
    expect(await everyRow(to())).toEqual(before);
  });

  // PostgreSQL only: SQLite stores U+0000 and 64-bit integers, and has no TOAST compression.
  if (kind === 'postgres') {
    it('refuses text with U+0000, which PostgreSQL cannot store, naming the table, row and column', async () => {
      const loader = await DatabaseLoader.open(to(), 'public');
      const rows = [1, 2].map((id) => ({ id, name: id === 2 ? 'nul\0' : 'ok', display_name: null, repository_url: null, repository_name: null, repository_namespace: null, main_branch: null, created_at: AT, updated_at: AT }));
      const refused = loader.loadChunk('pacticipants', Buffer.from(rows.map((row) => JSON.stringify(row) + '\n').join('')));
      await expect(refused).rejects.toThrow(BackupRowError);
      await expect(refused).rejects.toThrow(/^Row 2 of "pacticipants" does not fit the table: "name" holds the character U\+0000, which PostgreSQL text cannot store\.$/);
    });

    it('compresses big text with lz4, not the slower pglz', async () => {
      const loader = await DatabaseLoader.open(to(), 'public');
      await loader.loadChunk('pacticipants', Buffer.from(JSON.stringify({ id: 1, name: 'p', display_name: null, repository_url: null, repository_name: null, repository_namespace: null, main_branch: null, created_at: AT, updated_at: AT }) + '\n'));
      const content = JSON.stringify({ interactions: Array.from({ length: 2000 }, (_, n) => ({ description: `request ${n}`, response: { status: 200 } })) });
      await loader.loadChunk('pact_versions', Buffer.from(JSON.stringify({ id: 1, consumer_id: 1, provider_id: 1, sha: 's', content, interactions_count: 2000, messages_count: 0, created_at: AT }) + '\n'));
      await loader.finish();
      const { rows } = await sql<{ method: string }>`select pg_column_compression(content) as method from pact_versions`.execute(to());
      expect(rows).toEqual([{ method: 'lz4' }]);
    });

    // Team issue 13: one transaction per table, opened by truncating it, lets every COPY say FREEZE (no WAL at wal_level=minimal).
    it('loads each table in one transaction of its own, whatever its number of chunks', async () => {
      await from().insertInto('pacticipants').values({ id: 1, name: 'p', created_at: AT, updated_at: AT }).execute();
      await from().insertInto('versions').values(Array.from({ length: 30 }, (_, index) => ({ id: index + 1, number: `${index}`, pacticipant_id: 1, order: index, created_at: AT, updated_at: AT }))).execute();
      await copyOver(300);
      const { rows } = await sql<{ rows: number; transactions: number }>`select count(*)::int as rows, count(distinct xmin::text)::int as transactions from versions`.execute(to());
      expect(rows).toEqual([{ rows: 30, transactions: 1 }]);
    });

    it('refuses a whole number beyond the column, naming the table and row the server points at', async () => {
      const loader = await DatabaseLoader.open(to(), 'public');
      await loader.loadChunk('pacticipants', Buffer.from(JSON.stringify({ id: 1, name: 'p', display_name: null, repository_url: null, repository_name: null, repository_namespace: null, main_branch: null, created_at: AT, updated_at: AT }) + '\n'));
      const version = (id: number, order: number) => JSON.stringify({ id, number: `${id}`, pacticipant_id: 1, order, build_url: null, created_at: AT, updated_at: AT }) + '\n';
      await loader.loadChunk('versions', Buffer.from(version(1, 1)));
      // The server's verdict on a chunk comes with the next call (its COPY runs meanwhile).
      await loader.loadChunk('versions', Buffer.from(version(2, 2) + version(3, 3_000_000_000)));
      const refused = loader.loadChunk('versions', Buffer.from(version(4, 4)));
      await expect(refused).rejects.toThrow(BackupRowError);
      await expect(refused).rejects.toThrow(/^Row 3 of "versions" could not be loaded: value "3000000000" is out of range for type integer\.$/);
      // A problem the server finds only at the end of the statement (a missing parent) names the chunk's rows.
      const next = await DatabaseLoader.open(to(), 'public');
      await next.loadChunk('versions', Buffer.from(version(5, 5) + JSON.stringify({ ...JSON.parse(version(6, 6)), pacticipant_id: 9 }) + '\n'));
      await expect(next.finish()).rejects.toThrow(
        new BackupDataError('Rows 1–2 of "versions" could not be loaded: insert or update on table "versions" violates foreign key constraint "versions_pacticipant_id_fkey" (Key (pacticipant_id)=(9) is not present in table "pacticipants".)'),
      );
    });
  }
});
