import path from 'node:path';
import { silentLogger } from '../../shared/logger.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { BackupService } from './backup-service.js';
import { BackupStore } from './backup-store.js';

/** The backup parts of the control plane app, for tests that build the app around a tenant service. */
export function testBackups(tenants: TenantService, dataDir: string): { backups: BackupService; backupStore: BackupStore } {
  return {
    backups: new BackupService({ tenants, platformVersion: 'test', limits: { maxArchiveBytes: 2 ** 30, maxEntryBytes: 2 ** 26 }, spoolDir: path.join(dataDir, 'spool'), logger: silentLogger }),
    backupStore: new BackupStore(path.join(dataDir, 'backups'), 3),
  };
}
