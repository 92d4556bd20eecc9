import type { Logger } from '../../shared/logger.js';
import { openDatabase } from '../db/index.js';
import { cleanExclusively } from './clean-lock.js';
import { scheduleRuns } from '../../shared/clean/clean-schedule.js';
import type { CleanSettings } from '../../shared/clean/clean-settings.js';

/** The clean's own connections: the lock's and the clean's, beside the broker's pool. */
const CLEAN_CONNECTIONS = 2;

/**
 * A standalone broker's scheduled clean (team issue 14), as the official image runs its clean
 * from cron when PACT_BROKER_DATABASE_CLEAN_ENABLED=true; on a handle of its own, so the broker's
 * pool keeps serving. Answers a function that stops the schedule and closes the handle.
 */
export function startScheduledClean(databaseUrl: string, settings: CleanSettings, logger: Logger, clock: () => Date = () => new Date()): () => Promise<void> {
  const db = openDatabase(databaseUrl, { maxConnections: CLEAN_CONNECTIONS, logger });
  const { schedule, ...options } = settings;
  logger.info('Scheduled clean is on', { schedule: schedule.expression, keep: options.keep, keepBranches: options.keepBranches, deletionLimit: options.deletionLimit, dryRun: options.dryRun });
  const stop = scheduleRuns(
    schedule,
    async () => {
      const result = await cleanExclusively(db, { ...options, now: clock() });
      if (result === undefined) logger.info('Clean was not performed as a clean is already in progress');
      else logger.info(options.dryRun ? '[DRY RUN] Clean results' : 'Clean results', { result });
    },
    logger,
    clock,
  );
  return async () => {
    stop();
    await db.destroy();
  };
}
