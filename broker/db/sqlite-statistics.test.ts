import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openBroker } from '../broker.js';
import { pactDocument, startTestBroker, type TestBroker } from '../test-support/test-broker.js';

/** The tables SQLite holds planner statistics for (none without a sqlite_stat1 table). */
function analyzedTables(databaseUrl: string): string[] {
  const sqlite = new SqliteDatabase(databaseUrl.slice('sqlite://'.length), { readonly: true });
  try {
    const hasStatistics = sqlite.prepare("select 1 from sqlite_schema where name = 'sqlite_stat1'").get() !== undefined;
    if (!hasStatistics) return [];
    return (sqlite.prepare('select distinct tbl from sqlite_stat1 order by tbl').all() as Array<{ tbl: string }>).map((row) => row.tbl);
  } finally {
    sqlite.close();
  }
}

// Team issue 13: without statistics SQLite's plans for pacts for verification read every pact of the provider (20 ms
// of a 28 ms request at 5,000 versions per consumer); nothing ever ran ANALYZE on a broker's SQLite database.
describe('an SQLite broker keeps planner statistics', () => {
  let tested: TestBroker | undefined;
  afterEach(async () => {
    await tested?.close();
    tested = undefined;
  });

  it('gathers them for the tables it wrote when it closes, and for tables without them when it opens', async () => {
    tested = await startTestBroker('sqlite');
    const published = await tested.request('PUT', '/pacts/provider/Bar/consumer/Foo/version/1.0.0', { body: pactDocument() });
    expect(published.status).toBe(201);
    // Empty when it opened: only the migrations' own tables had rows then.
    expect(analyzedTables(tested.databaseUrl)).not.toContain('pact_publications');

    await tested.broker.close();
    expect(analyzedTables(tested.databaseUrl)).toEqual(expect.arrayContaining(['latest_pact_publication_ids_for_consumer_versions', 'pact_publications', 'versions']));

    // Statistics lost (as in a database no broker of this version has closed): the next broker gathers them as it opens.
    const sqlite = new SqliteDatabase(tested.databaseUrl.slice('sqlite://'.length));
    sqlite.exec('drop table sqlite_stat1');
    sqlite.close();
    const reopened = await openBroker({ databaseUrl: tested.databaseUrl, webhookDelivery: false });
    try {
      expect(analyzedTables(tested.databaseUrl)).toEqual(expect.arrayContaining(['latest_pact_publication_ids_for_consumer_versions', 'pact_publications', 'versions']));
    } finally {
      await reopened.close();
    }
  });
});
