import type { Logger } from '../../shared/logger.js';
import type { TenantService } from '../tenants/tenant-service.js';
import type { BackupService } from './backup-service.js';
import type { BackupStore } from './backup-store.js';

export interface BackupScheduleOptions {
  tenants: TenantService;
  backups: BackupService;
  store: BackupStore;
  everyMs: number;
  logger: Logger;
  /** How often to look for tenants that are due; default `everyMs`, at most a minute. */
  checkEveryMs?: number;
}

const MAX_CHECK_INTERVAL_MS = 60_000;

/**
 * `PACTSAFS_BACKUP_EVERY`: backs up each running or sleeping tenant whose newest stored backup is older than
 * `everyMs` (or that has none), one at a time. Due-ness comes from the stored files, so restarts
 * do not postpone backups. Answers a stop function.
 */
export function scheduleBackups(options: BackupScheduleOptions): () => void {
  const { tenants, backups, store, everyMs, logger } = options;
  let roundRunning = false;
  const isDue = async (name: string) => {
    const newest = (await store.list(name))[0];
    return newest === undefined || Date.now() - Date.parse(newest.createdAt) >= everyMs;
  };
  const backUpDue = async () => {
    // Issue 13: sleeping tenants too (an embedded one's file is read where it lies; a docker one wakes for it).
    for (const tenant of tenants.list().filter((candidate) => candidate.state === 'running' || candidate.state === 'sleeping')) {
      try {
        if (!(await isDue(tenant.name))) continue;
        const stored = await store.save(tenant.name, await backups.backup(tenant.name), new Date());
        logger.info('scheduled backup written', { tenant: tenant.name, file: stored.file, bytes: stored.sizeBytes });
      } catch (error) {
        // A busy tenant (stopping, restoring) or a failed dump: the next check tries again.
        logger.warn('scheduled backup failed', { tenant: tenant.name, error });
      }
    }
  };
  const timer = setInterval(() => {
    // A round longer than the interval skips the next check rather than queueing rounds up.
    if (roundRunning) return;
    roundRunning = true;
    void backUpDue().finally(() => (roundRunning = false));
  }, options.checkEveryMs ?? Math.min(everyMs, MAX_CHECK_INTERVAL_MS));
  timer.unref();
  return () => clearInterval(timer);
}
