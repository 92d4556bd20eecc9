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
}

/** `PACTSAFS_BACKUP_EVERY`: backs up every running tenant on a timer, one at a time; answers a stop function. */
export function scheduleBackups(options: BackupScheduleOptions): () => void {
  const { tenants, backups, store, logger } = options;
  let roundRunning = false;
  const backUpAll = async () => {
    for (const tenant of tenants.list().filter((candidate) => candidate.state === 'running')) {
      try {
        const stored = await store.save(tenant.name, await backups.backup(tenant.name), new Date());
        logger.info('scheduled backup written', { tenant: tenant.name, file: stored.file, bytes: stored.sizeBytes });
      } catch (error) {
        // A busy tenant (stopping, restoring) or a failed dump: the next round tries again.
        logger.warn('scheduled backup failed', { tenant: tenant.name, error });
      }
    }
  };
  const timer = setInterval(() => {
    // A round longer than the interval skips the next tick rather than queueing rounds up.
    if (roundRunning) return;
    roundRunning = true;
    void backUpAll().finally(() => (roundRunning = false));
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
