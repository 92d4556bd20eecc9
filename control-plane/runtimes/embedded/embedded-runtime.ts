import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createBodyWorkerPool, createSharedBrokerApp, openBroker, type Broker, type ListeningEndpoint, type SharedBrokerApp } from '../../../broker/index.js';
import { BadRequestError, NotFoundError, RuntimeError } from '../../../shared/errors.js';
import { createLogger, type Logger, type LogLevel } from '../../../shared/logger.js';
import type { TenantRoute } from '../../../shared/routing.js';
import { PLATFORM_CREDENTIAL } from '../../tenants/platform-credential.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../tenants/webhook-settings.js';
import type { LogOptions, Orphan, RowsDatabase, TenantRuntime } from '../runtime.js';
import { SwappableHandler, type RequestHandler } from './swappable-handler.js';
import { freedMemoryReleaser } from './freed-memory.js';
import { tailFile } from './tail-file.js';

interface RunningBroker {
  broker: Broker;
  handler: SwappableHandler;
  route: TenantRoute;
  log: WriteStream;
}

/**
 * Team issue 13 (density): each tenant's SQLite page cache holds at most this; SQLite's 2 MiB default
 * would let 1,000 tenants keep 2 GB. A page it no longer holds is read again from the OS's file cache.
 */
const TENANT_SQLITE_CACHE_KIB = 256;

/** SQLite's companions of a database file. */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Tenants whose broker runs inside the platform process, one SQLite file each under
 * `<data dir>/tenants/<name>/`. The gateway calls the broker's handler directly: no socket hop.
 */
export class EmbeddedRuntime implements TenantRuntime {
  readonly kind = 'embedded' as const;
  private readonly running = new Map<string, RunningBroker>();
  /** One small pool of threads parses and hashes every tenant's pacts, off the event loop they share (issue 11). */
  private readonly bodyWork = createBodyWorkerPool();
  /** One broker app and route table for every tenant, each request answered with its tenant's database (team issue 13). */
  private readonly brokerApp: SharedBrokerApp;
  /** After brokers close (a stop, a remove, a round of tenants falling asleep), their memory goes back to the system. */
  private readonly releaseFreedMemory = freedMemoryReleaser((tookMs) => this.logger.debug('closed brokers\' memory released', { tookMs: Math.round(tookMs) }));

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    /** Level of each tenant's broker.log (requests are logged at info). */
    private readonly brokerLogLevel: LogLevel = 'info',
    /** The platform's gateway addresses and port: no tenant's webhook reaches them (issue 11). */
    private readonly listeningEndpoints: () => readonly ListeningEndpoint[] = () => [],
    /** The platform's key of the tenants' webhook secrets (team issue 14); none: their brokers have no secrets. */
    private readonly secretsKey?: Buffer,
  ) {
    this.brokerApp = createSharedBrokerApp({ clock: () => new Date(), bodyWork: this.bodyWork, secretsKey });
  }

  tenantDir(name: string): string {
    return path.join(this.dataDir, 'tenants', name);
  }

  databasePath(name: string): string {
    return path.join(this.tenantDir(name), 'broker.sqlite');
  }

  private stagingPath(name: string): string {
    return path.join(this.tenantDir(name), 'restore-staging.sqlite');
  }

  async leftoverData(name: string): Promise<string | undefined> {
    const dir = this.tenantDir(name);
    if (!(await exists(dir))) return undefined;
    return `Data of an earlier tenant named "${name}" are still in ${dir}. Move or delete that folder first, or choose another name.`;
  }

  async create(tenant: TenantRecord): Promise<void> {
    // Issue 12 (runtime contract): a create retried over a running tenant changes nothing. A second
    // broker would hold the SQLite file open past the first one's close, and a restore could not swap it.
    if (this.running.has(tenant.name)) return;
    await mkdir(this.tenantDir(tenant.name), { recursive: true });
    await this.open(tenant);
  }

  async start(tenant: TenantRecord): Promise<void> {
    if (this.running.has(tenant.name)) return;
    const problem = await this.inspect(tenant);
    if (problem) throw new RuntimeError(problem);
    // A restore interrupted by a crash leaves its staging file; the live file is whole either way.
    await removeSqliteFiles(this.stagingPath(tenant.name));
    await this.open(tenant);
  }

  async stop(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    // Take the route away first so no new request reaches a closing database.
    this.running.delete(name);
    await running.broker.close();
    await new Promise<void>((resolve) => running.log.end(resolve));
    this.releaseFreedMemory();
  }

  async remove(name: string, options: { keepData: boolean }): Promise<void> {
    await this.stop(name);
    if (!options.keepData) await rm(this.tenantDir(name), { recursive: true, force: true });
  }

  route(name: string): TenantRoute | undefined {
    return this.running.get(name)?.route;
  }

  /** Issue 13: its broker's webhook queue lives in its database, delivered only while the broker is open. */
  async undeliveredWebhooks(tenant: TenantRecord): Promise<number> {
    return (await this.running.get(tenant.name)?.broker.undeliveredWebhooks()) ?? 0;
  }

  async inspect(tenant: TenantRecord): Promise<string | undefined> {
    const file = this.databasePath(tenant.name);
    if (await exists(file)) return undefined;
    return `Its database file ${file} is missing; restore a backup into it or remove the tenant.`;
  }

  async database(tenant: TenantRecord): Promise<RowsDatabase> {
    const staging = this.stagingPath(tenant.name);
    return {
      flavour: 'pactsafs',
      url: `sqlite://${this.databasePath(tenant.name)}`,
      prepareStaging: async () => {
        await removeSqliteFiles(staging);
        return { url: `sqlite://${staging}` };
      },
      swapInStaging: () => this.swapInStaging(tenant, staging),
      discardStaging: () => removeSqliteFiles(staging),
    };
  }

  /** The SQLite file and its write-ahead log (the broker's own log is not data). */
  async dataSize(tenant: TenantRecord): Promise<number | null> {
    const file = this.databasePath(tenant.name);
    const sizes = await Promise.all([file, `${file}-wal`].map((name) => stat(name).then((info) => info.size, () => 0)));
    return sizes[0] === 0 ? null : sizes[0]! + sizes[1]!;
  }

  async logs(name: string, options: LogOptions): Promise<NodeJS.ReadableStream> {
    if (options.role === 'db') {
      throw new BadRequestError(`Tenant "${name}" runs embedded: its database is the SQLite file ${this.databasePath(name)}, not a container with logs.`);
    }
    const file = path.join(this.tenantDir(name), 'broker.log');
    return tailFile(file, options).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new NotFoundError(`Tenant "${name}" has no broker log: ${file} does not exist (was its data folder moved or deleted?).`);
    });
  }

  async orphans(known: ReadonlySet<string>): Promise<Orphan[]> {
    const entries = await readdir(path.join(this.dataDir, 'tenants'), { withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isDirectory() && !known.has(entry.name))
      .map((entry) => ({ runtime: this.kind, tenant: entry.name, location: this.tenantDir(entry.name) }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
    await this.bodyWork.close();
  }

  /**
   * Replaces the live SQLite file with the staging one by an atomic rename. A running broker is
   * closed and opened again around it while its requests wait: no restart, no 503.
   */
  private async swapInStaging(tenant: TenantRecord, staging: string): Promise<void> {
    const running = this.running.get(tenant.name);
    if (!running) return this.replaceDatabaseFile(tenant.name, staging);
    await running.handler.swap(async () => {
      await running.broker.close();
      try {
        await this.replaceDatabaseFile(tenant.name, staging);
      } finally {
        // The new data, or the old ones when the rename failed.
        running.broker = await this.openBroker(tenant, running.log);
      }
      return requestHandler(running.broker);
    });
  }

  private async replaceDatabaseFile(name: string, staging: string): Promise<void> {
    const live = this.databasePath(name);
    // A closed database has folded its write-ahead log in; one left over would be replayed onto the
    // new file. Without the database file (a tenant whose data were lost) a log is only debris.
    const wal = await stat(`${live}-wal`).catch(() => undefined);
    if (wal && wal.size > 0 && (await exists(live))) {
      throw new RuntimeError(`The database of tenant "${name}" still has unsaved changes in ${live}-wal; the restore was not applied.`);
    }
    await removeSqliteFiles(live, { keepDatabase: true });
    await rename(staging, live);
  }

  private async open(tenant: TenantRecord): Promise<void> {
    const { name } = tenant;
    const log = createWriteStream(path.join(this.tenantDir(name), 'broker.log'), { flags: 'a' });
    let broker: Broker;
    try {
      broker = await this.openBroker(tenant, log);
    } catch (error) {
      log.end();
      throw error;
    }
    const handler = new SwappableHandler(requestHandler(broker));
    this.running.set(name, { broker, handler, log, route: { kind: 'in-process', handle: handler.handle } });
    this.logger.info('tenant broker started', { tenant: name, runtime: this.kind });
  }

  private async openBroker(tenant: TenantRecord, log: WriteStream): Promise<Broker> {
    const { name } = tenant;
    const webhooks = tenant.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
    const logger = createLogger({ level: this.brokerLogLevel, write: (line) => log.write(line + '\n'), fields: { tenant: name } });
    try {
      return await openBroker({
        databaseUrl: `sqlite://${this.databasePath(name)}`,
        logger,
        webhookHostWhitelist: webhooks.hostWhitelist,
        webhookSchemeWhitelist: webhooks.schemeWhitelist,
        listeningEndpoints: this.listeningEndpoints,
        basicAuth: tenant.basicAuth,
        platformCredential: PLATFORM_CREDENTIAL,
        maxBodyBytes: tenant.maxBodyBytes,
        bodyWork: this.bodyWork,
        sharedApp: this.brokerApp,
        sqliteCacheKiB: TENANT_SQLITE_CACHE_KIB,
        secretsKey: this.secretsKey,
      });
    } catch (error) {
      throw new RuntimeError(`The broker of tenant "${name}" could not open its database: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

function requestHandler(broker: Broker): RequestHandler {
  const listener = getRequestListener(broker.fetch);
  return (req, res) => void listener(req, res);
}

async function removeSqliteFiles(file: string, options: { keepDatabase?: boolean } = {}): Promise<void> {
  const names = [...(options.keepDatabase ? [] : [file]), ...SQLITE_SIDE_FILES.map((suffix) => file + suffix)];
  await Promise.all(names.map((name) => rm(name, { force: true })));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
