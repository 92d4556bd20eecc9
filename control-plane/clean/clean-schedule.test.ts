import { describe, expect, it } from 'vitest';
import { openBroker } from '../../broker/index.js';
import { cleanSettingsFrom } from '../../shared/clean/clean-settings.js';
import { openDatabase } from '../../broker/test-support/database-access.js';
import { historySendOf } from '../../broker/test-support/history-fixture.js';
import { pactDocument, publishBody } from '../../broker/test-support/test-broker.js';
import { createLogger } from '../../shared/logger.js';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import { until } from '../../test/support/until.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { useEmbeddedTestBed } from '../test-support/embedded-test-bed.js';
import { scheduleTenantCleans } from './clean-schedule.js';
import { CleanService } from './clean-service.js';

/** Publishes Foo 1, 2, 3 into the tenant's database (through a broker over its file) and answers how to count its versions. */
async function seed(service: TenantService, name: string): Promise<{ versions: () => Promise<number>; close: () => Promise<void> }> {
  const { url } = (await service.databaseOf(service.get(name))) as { url: string };
  const broker = await openBroker({ databaseUrl: url, webhookDelivery: false });
  const send = historySendOf(broker.fetch);
  for (const number of ['1', '2', '3']) {
    await send({ method: 'POST', path: '/contracts/publish', body: JSON.stringify(publishBody({ pacticipantVersionNumber: number, tags: [] }, pactDocument('Foo', 'Bar', [number]))) });
  }
  const db = openDatabase(url);
  return {
    versions: async () => (await db.selectFrom('versions').select('id').execute()).length,
    close: async () => {
      await db.destroy();
      await broker.close();
    },
  };
}

describe('PACTSAFS_CLEAN_* (team issue 14)', () => {
  const bed = useEmbeddedTestBed();

  it('cleans every running tenant at the scheduled time and leaves stopped ones alone', async () => {
    const { service } = await testControlPlane(bed.dir, bed.runtime);
    for (const name of ['acme', 'beta']) await (await service.create({ name })).completion;
    const acme = await seed(service, 'acme');
    const beta = await seed(service, 'beta');
    await service.stop('beta');
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const settings = cleanSettingsFrom({ PACTSAFS_CLEAN_ENABLED: 'true', PACTSAFS_CLEAN_CRON_SCHEDULE: '* * * * *', PACTSAFS_CLEAN_KEEP_VERSION_SELECTORS: '[{"latest": true}]' }, 'PACTSAFS_CLEAN');
    // 10 ms before a minute: the first round is due at once, the next a minute on.
    const started = Date.now();
    const clock = () => new Date(Date.parse('2026-12-06T12:00:59.990Z') + (Date.now() - started));
    const stop = scheduleTenantCleans({ tenants: service, cleans: new CleanService({ tenants: service, logger }), settings: settings!, logger, clock });
    try {
      await until('acme cleaned', async () => lines.find((line) => line.message === 'tenant cleaned' && line.tenant === 'acme'));
      expect(await acme.versions()).toBe(1);
      expect(await beta.versions()).toBe(3);
      expect(lines.filter((line) => line.tenant === 'beta')).toEqual([]);
    } finally {
      stop();
      await acme.close();
      await beta.close();
    }
  });
});
