/**
 * Team issue 14 (retention): how long the broker's clean takes on a long-lived tenant's PostgreSQL
 * database: `BENCH_CLEAN_ROWS` (default 20,000) versions each of a consumer and a provider, with a
 * pact, a tag, a branch membership and a verification each (issue 13's filler), keeping only the
 * latest versions. A dry run reads everything; a clean deletes at most its deletion limit.
 */
import { cleanBrokerDatabase, openBroker } from '../broker/index.js';
import { withDeployedAndReleased } from '../shared/clean/clean-selectors.js';
import { addFillerHistory } from '../broker/performance/history-filler.js';
import { createTestDatabase } from '../broker/test-support/test-database.js';
import { report } from './support.js';

const rows = Number(process.env.BENCH_CLEAN_ROWS ?? 20_000);
const database = await createTestDatabase('postgres');
try {
  // Opening a broker migrates its database.
  await (await openBroker({ databaseUrl: database.url, webhookDelivery: false })).close();
  await addFillerHistory(database.url, rows);
  const options = (dryRun: boolean, deletionLimit: number) => ({
    keep: withDeployedAndReleased([{ latest: true }]),
    keepBranches: [],
    deletionLimit,
    overwrittenDataMaxAge: 7,
    dryRun,
    now: new Date(),
  });
  const timed = async (label: string, dryRun: boolean, limit: number) => {
    const started = performance.now();
    // As the platform cleans a tenant: a handle of its own and the clean lock (a few ms beside the clean).
    const result = await cleanBrokerDatabase(database.url, options(dryRun, limit));
    if (result === undefined) throw new Error('Another clean holds the lock of the bench database.');
    const ms = Math.round(performance.now() - started);
    const deleted = result.dryRun ? `${result.counts.versionsToDelete} (would)` : String(result.tables.versions.deleted);
    return [label, 2 * rows, limit, deleted, ms];
  };
  const results = [await timed('dry run', true, 500), await timed('clean', false, 500), await timed('clean', false, 5000)];
  await report('Broker clean on PostgreSQL (team issue 14)', ['run', 'versions before', 'deletion limit', 'versions deleted', 'ms'], results);
} finally {
  await database.drop();
}
