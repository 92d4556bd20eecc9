/** The platform's entry point: wires the gateway to the control plane and serves on one port. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createControlPlaneApp } from './control-plane/api/control-plane-app.js';
import { AuditLog } from './control-plane/audit/audit-log.js';
import { scheduleBackups } from './control-plane/backup/backup-schedule.js';
import { scheduleTenantCleans } from './control-plane/clean/clean-schedule.js';
import { CleanService } from './control-plane/clean/clean-service.js';
import { BackupService } from './control-plane/backup/backup-service.js';
import { BackupStore } from './control-plane/backup/backup-store.js';
import type { TenantUrls } from './control-plane/api/contract.js';
import { acquireDataDirLock, DataDirInUseError } from './control-plane/data-dir-lock.js';
import { makeDataDirPrivate } from './control-plane/data-dir-permissions.js';
import { availableRuntimes } from './control-plane/runtimes/available-runtimes.js';
import { heartbeatProbe } from './control-plane/tenants/heartbeat-probe.js';
import { brokerAuthHeaders } from './control-plane/tenants/tenant-auth.js';
import { Registry } from './control-plane/tenants/registry.js';
import { TenantService } from './control-plane/tenants/tenant-service.js';
import { IdleSleeper } from './control-plane/tenants/idle-sleeper.js';
import { tenantAccess } from './control-plane/tokens/tenant-access.js';
import { TokenStore } from './control-plane/tokens/token-store.js';
import { createGateway } from './gateway/gateway-server.js';
import { RequestCounters } from './gateway/request-counters.js';
import { ConfigError, readPlatformConfig } from './shared/config.js';
import { controlHostNames } from './shared/control-hosts.js';
import { createLogger } from './shared/logger.js';
import { serveGateway } from './serve-gateway.js';
import { startEngineRelay } from './control-plane/routes/engine-relay.js';

/** One entry of a backup holds at least one row: this bounds the largest pact a restore takes. */
const MAX_BACKUP_ENTRY_BYTES = 256 * 2 ** 20;
/** Tokens' last-use times reach the registry at most this often (issue 11): no registry write per request. */
const TOKEN_USE_FLUSH_MS = 60_000;

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

async function main(): Promise<void> {
  // Issue 11: every file the platform writes is its owner's only (0600, folders 0700). SQLite's files and
  // lowdb's temp file take no mode of their own, so the umask is what reaches them all from their first byte.
  process.umask(0o077);
  const config = readPlatformConfig();
  const logger = createLogger({ level: config.logLevel });
  // Issue 12: a gateway replica has no registry, data dir or control plane; `control` and `all` run what follows.
  if (config.role === 'gateway') return serveGateway(config, logger, version);
  await makeDataDirPrivate(config.dataDir, logger);
  const lock = await acquireDataDirLock(config.dataDir, logger);
  const registry = await Registry.open(config.dataDir, logger);

  let publicPort = config.port;
  const portSuffix = () => (publicPort === 80 ? '' : `:${publicPort}`);
  // Behind PACTSAFS_PUBLIC_URL (issue 11) tenants are linked under its origin, as the gateway's forwarded headers say.
  const { publicUrl } = config;
  const urlsFor = (name: string): TenantUrls => {
    const scheme = publicUrl?.protocol ?? 'http:';
    const host = publicUrl?.host ?? `${config.domain}${portSuffix()}`;
    return { host: `${scheme}//${name}.${host}`, path: `${scheme}//${host}/t/${name}` };
  };
  const { runtimes, defaultRuntime } = await availableRuntimes(config, {
    logger,
    platformVersion: version,
    // Issue 11: a tenant's webhook never reaches the platform, whatever its whitelist: the gateway, on the port
    // bound (availableRuntimes adds docker tenants' brokers).
    listeningEndpoints: () => config.hosts.map((host) => ({ host, port: publicPort })),
    // Links must work whichever way a client reaches the tenant: host form, and path form on each loopback name
    // (behind a public URL the gateway forwards only its origin).
    baseUrlsFor: (name) => {
      const urls = urlsFor(name);
      if (publicUrl) return [urls.host, urls.path];
      return [...new Set([urls.host, urls.path, ...['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}${portSuffix()}/t/${name}`)])];
    },
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
      hostFor: (name) => `${name}.${config.domain}${portSuffix()}`,
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
    urlsFor,
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
    publicUrl,
    lookup: (name) => service.routeFor(name),
    control: getRequestListener(control.fetch),
    counters,
    logger,
    authorize: tenantAccess((name) => registry.find(name), tokens),
    waker: { wake: (name) => service.wake(name), requestStarted: (name) => sleeper.requestStarted(name) },
  });

  publicPort = await gateway.listen(config.port, config.hosts);
  // Issue 12: gateways on workers (no service API there) read the engine through this control plane.
  const relay = await startEngineRelay(config, logger);
  await service.restoreAll();
  sleeper.start();
  const { everyMs } = config.backups;
  const stopBackups = everyMs === undefined ? undefined : scheduleBackups({ tenants: service, backups, store: backupStore, everyMs, logger });
  const stopCleans = config.clean && scheduleTenantCleans({ tenants: service, cleans: new CleanService({ tenants: service, logger }), settings: config.clean, logger });
  const base = `http://${config.domain}${portSuffix()}`;
  logger.info('Pact Broker SafS is ready', { url: base, role: config.role, listen: config.hosts, port: publicPort, dataDir: config.dataDir });
  process.stdout.write(
    `Pact Broker SafS ${version} is ready on ${base} (data in ${config.dataDir}).\n` +
      `Create a tenant: curl -X POST ${base}/api/tenants -H 'Content-Type: application/json' -d '{"name":"acme"}'\n`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    stopBackups?.();
    stopCleans?.();
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
    process.exit(failures.length === 0 ? 0 : 1);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`pactsafs: ${startupProblem(error)}\n`);
  process.exit(1);
});

function startupProblem(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) return error.message;
  const { code, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (code === 'EADDRINUSE') return `Port ${port} is already in use on ${address}; stop what uses it or set PACTSAFS_PORT to another port.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port} of ${address}; choose a port above 1023 with PACTSAFS_PORT.`;
  return (error as Error).stack ?? String(error);
}
