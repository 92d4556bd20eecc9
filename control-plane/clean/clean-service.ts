import { cleanBrokerDatabase, type CleanResult, type DryRunResult } from '../../broker/index.js';
import { ConflictError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { TenantService } from '../tenants/tenant-service.js';
import type { CleanPlanRequest } from './clean-request.js';

/** What a clean of a tenant answers: what it was asked, and what it did (or, dry, would do). */
export type TenantCleanResult = { tenant: string } & Omit<CleanPlanRequest, 'dryRun'> & (CleanResult | DryRunResult);

/**
 * Cleans tenants' broker databases (team issue 14) wherever they run — embedded SQLite, a docker or
 * swarm tenant's PostgreSQL — by the broker's own clean, reaching the database as backups do.
 */
export class CleanService {
  constructor(private readonly options: { tenants: TenantService; logger: Logger; now?: () => Date }) {}

  /** Cleans the tenant (or with `dryRun` tells what would go); 409 for a tenant on the official image, or one being cleaned. */
  async clean(name: string, request: CleanPlanRequest): Promise<TenantCleanResult> {
    const { tenants, logger } = this.options;
    return tenants.exclusive(name, 'clean', async (tenant) => {
      const database = await tenants.databaseOf(tenant);
      try {
        if (database.flavour === 'official') {
          throw new ConflictError(
            `Tenant "${name}" runs the official pactfoundation/pact-broker image, which has no API to clean its data (only its own cron, PACT_BROKER_DATABASE_CLEAN_ENABLED); tenants on our broker image (PACTSAFS_BROKER_IMAGE=pactsafs/broker) can be cleaned here.`,
          );
        }
        const { dryRun, ...settings } = request;
        const result = await cleanBrokerDatabase(database.url, { ...request, now: this.options.now?.() ?? new Date() }, logger);
        if (result === undefined) throw new ConflictError(`Tenant "${name}" is being cleaned by its broker right now; try again once that clean is over.`);
        logger.info(dryRun ? 'tenant clean dry run' : 'tenant cleaned', { tenant: name, ...(result.dryRun ? { versionsToDelete: result.counts.versionsToDelete } : { deleted: result.tables.versions.deleted }) });
        return { tenant: name, ...settings, ...result };
      } finally {
        await database.release?.();
      }
    });
  }
}
