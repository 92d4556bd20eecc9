import { expect, it } from 'vitest';
import { until } from '../../test/support/until.js';
import { createLogger } from '../../shared/logger.js';
import { openDatabase } from '../db/index.js';
import { useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publish } from '../test-support/verification-history-fixture.js';
import { cleanSettingsFrom } from '../../shared/clean/clean-settings.js';
import { startScheduledClean } from './scheduled-clean.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  it('a broker with PACT_BROKER_DATABASE_CLEAN_ENABLED=true cleans at its cron schedule (team issue 14)', async () => {
    for (const number of ['1', '2', '3']) await publish(t, 'Foo', number, { branch: 'main', tags: [] }, number);
    const settings = cleanSettingsFrom(
      { PACT_BROKER_DATABASE_CLEAN_ENABLED: 'true', PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE: '* * * * *', PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS: '[{"latest": true}]' },
      'PACT_BROKER_DATABASE_CLEAN',
    );
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    // A clock that starts 10 ms before a minute, so the first run is due at once and the next a minute on.
    const started = Date.now();
    const clock = () => new Date(Date.parse('2026-12-06T12:00:59.990Z') + (Date.now() - started));
    const stop = startScheduledClean(t.databaseUrl, settings!, logger, clock);
    const db = openDatabase(t.databaseUrl);
    try {
      await until('the scheduled clean', async () => lines.find((line) => line.message === 'Clean results'));
      expect((await db.selectFrom('versions').select('number').execute()).map((row) => row.number)).toEqual(['3']);
      expect(lines.find((line) => line.message === 'Clean results')).toMatchObject({ result: { dryRun: false, tables: { versions: { deleted: 2, kept: 1 } } } });
    } finally {
      await stop();
      await db.destroy();
    }
  });
});
