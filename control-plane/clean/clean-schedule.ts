import { scheduleRuns } from '../../shared/clean/clean-schedule.js';
import type { CleanSettings } from '../../shared/clean/clean-settings.js';
import { ConflictError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { cleanDefaults } from './clean-request.js';
import type { CleanService } from './clean-service.js';

/**
 * PACTSAFS_CLEAN_* (team issue 14): at each time of the cron schedule, cleans every running
 * or sleeping tenant the platform can clean, one at a time, as the official image's cron
 * cleans its one broker. Tenants on the official image are skipped (they clean themselves when
 * so configured); a failure is logged and the next tenant is cleaned. Answers a stop function.
 */
export function scheduleTenantCleans(options: { tenants: TenantService; cleans: CleanService; settings: CleanSettings; logger: Logger; clock?: () => Date }): () => void {
  const { tenants, cleans, settings, logger } = options;
  const request = { ...cleanDefaults(settings), dryRun: settings.dryRun };
  const cleanAll = async () => {
    for (const tenant of tenants.list().filter((candidate) => candidate.state === 'running' || candidate.state === 'sleeping')) {
      try {
        await cleans.clean(tenant.name, request);
      } catch (error) {
        if (error instanceof ConflictError) logger.info('scheduled clean skipped', { tenant: tenant.name, reason: error.message });
        else logger.warn('scheduled clean failed', { tenant: tenant.name, error });
      }
    }
  };
  return scheduleRuns(settings.schedule, cleanAll, logger, options.clock);
}
