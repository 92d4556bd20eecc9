import path from 'node:path';
import type { Hono } from 'hono';
import { silentLogger } from '../../shared/logger.js';
import { BackupService } from '../../control-plane/backup/backup-service.js';
import { BackupStore } from '../../control-plane/backup/backup-store.js';
import type { EmbeddedRuntime } from '../../control-plane/runtimes/embedded/embedded-runtime.js';
import { AuditLog } from '../../control-plane/audit/audit-log.js';
import { Registry } from '../../control-plane/tenants/registry.js';
import { TenantService } from '../../control-plane/tenants/tenant-service.js';
import { TokenStore } from '../../control-plane/tokens/token-store.js';
import { createControlPlaneApp } from '../../control-plane/api/control-plane-app.js';
import { controlHostNames } from '../../shared/control-hosts.js';
import { tenantAddresses } from '../../shared/tenant-address.js';

/** The control plane app over a real tenant service and embedded runtime, for `app.request()` tests. */
export async function testControlPlane(
  dataDir: string,
  runtime: EmbeddedRuntime,
  adminToken?: string,
): Promise<{ app: Hono; service: TenantService; backups: BackupService; backupStore: BackupStore; tokens: TokenStore }> {
  const registry = await Registry.open(dataDir);
  const service = new TenantService({
    registry,
    runtimes: new Map([['embedded', runtime]]),
    defaultRuntime: 'embedded',
    waitUntilServing: async () => {},
    logger: silentLogger,
  });
  const backups = new BackupService({
    tenants: service,
    platformVersion: 'test',
    limits: { maxArchiveBytes: 2 ** 30, maxEntryBytes: 2 ** 26 },
    spoolDir: path.join(dataDir, 'spool'),
    logger: silentLogger,
  });
  const backupStore = new BackupStore(path.join(dataDir, 'backups'), 3);
  const tokens = new TokenStore({ registry, logger: silentLogger, flushEveryMs: 60_000 });
  const app = createControlPlaneApp({
    service,
    urlsFor: tenantAddresses({ domain: 'localhost', publicUrl: undefined }, () => 8080).urlsFor,
    adminToken,
    logger: silentLogger,
    version: 'test',
    dataDir,
    requestCounts: () => [],
    backups,
    backupStore,
    controlHosts: controlHostNames('localhost'),
    tokens,
    audit: await AuditLog.open(dataDir, silentLogger),
  });
  return { app, service, backups, backupStore, tokens };
}
