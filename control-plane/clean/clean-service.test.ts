import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logger.js';
import type { SqlDumpDatabase } from '../runtimes/runtime.js';
import type { TenantRecord } from '../tenants/registry.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { cleanDefaults } from './clean-request.js';
import { CleanService } from './clean-service.js';

describe('CleanService (team issue 14)', () => {
  it('answers 409 with a sentence for a tenant on the official image, and releases its database', async () => {
    // A fake of the tenant service's two calls: the official image is not on this machine (no
    // registry), so a docker tenant on it cannot be made for real; the refusal is the service's alone.
    let released = false;
    const database = { flavour: 'official', release: async () => void (released = true) } as unknown as SqlDumpDatabase;
    const tenants = {
      exclusive: async <T>(_name: string, _operation: string, work: (tenant: TenantRecord) => Promise<T>) => work({ name: 'acme' } as TenantRecord),
      databaseOf: async () => database,
    } as unknown as TenantService;
    const clean = new CleanService({ tenants, logger: silentLogger }).clean('acme', { ...cleanDefaults(), dryRun: true });
    await expect(clean).rejects.toThrow(ConflictError);
    await expect(clean).rejects.toThrow(
      'Tenant "acme" runs the official pactfoundation/pact-broker image, which has no API to clean its data (only its own cron, PACT_BROKER_DATABASE_CLEAN_ENABLED); tenants on our broker image (PACTSAFS_BROKER_IMAGE=pactsafs/broker) can be cleaned here.',
    );
    expect(released).toBe(true);
  });
});
