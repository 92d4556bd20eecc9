/** The platform's wiring (team issue 16): the gateway, the control plane and what they share, from one config. */
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createControlPlaneApp } from './control-plane/api/control-plane-app.js';
import { AuditLog } from './control-plane/audit/audit-log.js';
import { scheduleBackups } from './control-plane/backup/backup-schedule.js';
import { BackupService } from './control-plane/backup/backup-service.js';
import { BackupStore } from './control-plane/backup/backup-store.js';
import { scheduleTenantCleans } from './control-plane/clean/clean-schedule.js';
import { CleanService } from './control-plane/clean/clean-service.js';
import { acquireDataDirLock } from './control-plane/data-dir-lock.js';
import { makeDataDirPrivate } from './control-plane/data-dir-permissions.js';
import { startEngineRelay } from './control-plane/routes/engine-relay.js';
import { availableRuntimes } from './control-plane/runtimes/available-runtimes.js';
import { heartbeatProbe } from './control-plane/tenants/heartbeat-probe.js';
import { IdleSleeper } from './control-plane/tenants/idle-sleeper.js';
import { Registry } from './control-plane/tenants/registry.js';
import { brokerAuthHeaders } from './control-plane/tenants/tenant-auth.js';
import { TenantService } from './control-plane/tenants/tenant-service.js';
import { tenantAccess } from './control-plane/tokens/tenant-access.js';
import { TokenStore } from './control-plane/tokens/token-store.js';
import { createGateway } from './gateway/gateway-server.js';
import { RequestCounters } from './gateway/request-counters.js';
import type { PlatformConfig } from './shared/config.js';
import { controlHostNames } from './shared/control-hosts.js';
import type { Logger } from './shared/logger.js';
import { tenantAddresses } from './shared/tenant-address.js';

/** One entry of a backup holds at least one row: this bounds the largest pact a restore takes. */
const MAX_BACKUP_ENTRY_BYTES = 256 * 2 ** 20;
/** Tokens' last-use times reach the registry at most this often (issue 11): no registry write per request. */
const TOKEN_USE_FLUSH_MS = 60_000;

/** A platform built but not yet serving: `start` listens and brings the tenants back, `close` ends it all. */
export interface Platform {
  readonly service: TenantService;
  /** Listens on the config's port (0: any) and hosts, restores the tenants, starts the timers; answers the port. */
  start(): Promise<number>;
  /** Closes every part, even when one fails, and releases the data dir; answers the failures (logged). */
  close(): Promise<unknown[]>;
}

/**
 * Builds the platform of `config` (role `all` or `control`): used by `pactsafs serve` (main.ts), and
 * so by the tests' and benches' platform processes. Takes the data dir's lock at once.
 */
export async function createPlatform(config: PlatformConfig, { logger, version }: { logger: Logger; version: string }): Promise<Platform> {
  await makeDataDirPrivate(config.dataDir, logger);
  const lock = await acquireDataDirLock(config.dataDir, logger);
  const registry = await Registry.open(config.dataDir, logger);

  let publicPort = config.port;
  const addresses = tenantAddresses(config, () => publicPort);
  const { runtimes, defaultRuntime } = await availableRuntimes(config, {
    logger,
    platformVersion: version,
    // Issue 11: a tenant's webhook never reaches the platform, whatever its whitelist: the gateway, on the port
    // bound (availableRuntimes adds docker tenants' brokers).
    listeningEndpoints: () => config.hosts.map((host) => ({ host, port: publicPort })),
    baseUrlsFor: addresses.baseUrlsFor,
  });
  // The probe goes through the gateway like any client: to the first address it listens on.
  const probeAddress = { '0.0.0.0': '127.0.0.1', '::': '::1' }[config.hosts[0] ?? ''] ?? config.hosts[0] ?? '127.0.0.1';
  const service = new TenantService({
    registry,
    runtimes,
    defaultRuntime,
    logger,
    waitUntilServing: heartbeatProbe({
      gatewayAddress: probeAddress,
      gatewayPort: () => publicPort,
      hostFor: addresses.hostFor,
      authHeadersFor: (name) => brokerAuthHeaders(registry.find(name)),
    }),
  });
  const counters = new RequestCounters();
  // Issue 13, scale to zero: idle tenants sleep; the gateway wakes them on their next request.
  const sleeper = new IdleSleeper({ tenants: service, defaultIdleAfterMs: config.idleAfterMs, logger });
  const backups = new BackupService({
    tenants: service,
    platformVersion: version,
    limits: { maxArchiveBytes: config.backups.restoreMaxBytes, maxEntryBytes: MAX_BACKUP_ENTRY_BYTES },
    spoolDir: path.join(config.dataDir, 'spool'),
    logger,
  });
  const backupStore = new BackupStore(path.join(config.dataDir, 'backups'), config.backups.keep);
  const tokens = new TokenStore({ registry, logger, flushEveryMs: TOKEN_USE_FLUSH_MS });
  const control = createControlPlaneApp({
    service,
    urlsFor: addresses.urlsFor,
    adminToken: config.adminToken,
    logger,
    version,
    dataDir: config.dataDir,
    requestCounts: () => counters.snapshot(),
    backups,
    backupStore,
    controlHosts: controlHostNames(config.domain, config.controlHosts),
    publicUrl: config.publicUrl,
    tokens,
    audit: await AuditLog.open(config.dataDir, logger),
    clean: config.clean,
  });
  const gateway = createGateway({
    domain: config.domain,
    controlHosts: config.controlHosts,
    publicUrl: config.publicUrl,
    lookup: (name) => service.routeFor(name),
    control: getRequestListener(control.fetch),
    counters,
    logger,
    authorize: tenantAccess((name) => registry.find(name), tokens),
    waker: { wake: (name) => service.wake(name), requestStarted: (name) => sleeper.requestStarted(name) },
  });

  const stops: Array<() => void> = [];
  let relay: Awaited<ReturnType<typeof startEngineRelay>>;
  return {
    service,
    async start() {
      publicPort = await gateway.listen(config.port, config.hosts);
      // Issue 12: gateways on workers (no service API there) read the engine through this control plane.
      relay = await startEngineRelay(config, logger, { wake: (name) => service.wake(name), noteActivity: (names) => sleeper.noteActivity(names) });
      await service.restoreAll();
      sleeper.start();
      const { everyMs } = config.backups;
      if (everyMs !== undefined) stops.push(scheduleBackups({ tenants: service, backups, store: backupStore, everyMs, logger }));
      if (config.clean) stops.push(scheduleTenantCleans({ tenants: service, cleans: new CleanService({ tenants: service, logger }), settings: config.clean, logger }));
      return publicPort;
    },
    async close() {
      for (const stop of stops) stop();
      await sleeper.stop();
      // Each part is closed even when another fails; a failure is logged and shows in the exit code.
      const closed = [
        ...(await Promise.allSettled([gateway.close(), ...(relay ? [relay.close()] : [])])), // no new requests while the tenants close
        ...(await Promise.allSettled([tokens.flush()])),
        ...(await Promise.allSettled([...runtimes.values()].map((runtime) => runtime.close()))),
      ];
      const failures = closed.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      for (const error of failures) logger.error('closing failed during shutdown', { error });
      await lock.release();
      return failures;
    },
  };
}
