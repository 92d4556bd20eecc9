import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, readdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { openBroker, type Broker } from '../../../broker/broker.js';
import { BadRequestError, RuntimeError } from '../../../shared/errors.js';
import { createLogger, type Logger, type LogLevel } from '../../../shared/logger.js';
import type { TenantRoute } from '../../../shared/routing.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../tenants/webhook-settings.js';
import type { LogOptions, Orphan, TenantRuntime } from '../runtime.js';
import { tailFile } from './tail-file.js';

interface RunningBroker {
  broker: Broker;
  route: TenantRoute;
  log: WriteStream;
}

/**
 * Tenants whose broker runs inside the platform process, one SQLite file each under
 * `<data dir>/tenants/<name>/`. The gateway calls the broker's handler directly: no socket hop.
 */
export class EmbeddedRuntime implements TenantRuntime {
  readonly kind = 'embedded' as const;
  private readonly running = new Map<string, RunningBroker>();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    /** Level of each tenant's broker.log (requests are logged at info). */
    private readonly brokerLogLevel: LogLevel = 'info',
  ) {}

  tenantDir(name: string): string {
    return path.join(this.dataDir, 'tenants', name);
  }

  databasePath(name: string): string {
    return path.join(this.tenantDir(name), 'broker.sqlite');
  }

  async leftoverData(name: string): Promise<string | undefined> {
    const dir = this.tenantDir(name);
    if (!(await exists(dir))) return undefined;
    return `Data of an earlier tenant named "${name}" are still in ${dir}. Move or delete that folder first, or choose another name.`;
  }

  async create(tenant: TenantRecord): Promise<void> {
    await mkdir(this.tenantDir(tenant.name), { recursive: true });
    await this.open(tenant);
  }

  async start(tenant: TenantRecord): Promise<void> {
    if (this.running.has(tenant.name)) return;
    const problem = await this.inspect(tenant);
    if (problem) throw new RuntimeError(problem);
    await this.open(tenant);
  }

  async stop(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    // Take the route away first so no new request reaches a closing database.
    this.running.delete(name);
    await running.broker.close();
    await new Promise<void>((resolve) => running.log.end(resolve));
  }

  async remove(name: string, options: { keepData: boolean }): Promise<void> {
    await this.stop(name);
    if (!options.keepData) await rm(this.tenantDir(name), { recursive: true, force: true });
  }

  route(name: string): TenantRoute | undefined {
    return this.running.get(name)?.route;
  }

  async inspect(tenant: TenantRecord): Promise<string | undefined> {
    const file = this.databasePath(tenant.name);
    if (await exists(file)) return undefined;
    return `Its database file ${file} is missing; restore a backup into it or remove the tenant.`;
  }

  async logs(name: string, options: LogOptions): Promise<NodeJS.ReadableStream> {
    if (options.role === 'db') {
      throw new BadRequestError(`Tenant "${name}" runs embedded: its database is the SQLite file ${this.databasePath(name)}, not a container with logs.`);
    }
    return tailFile(path.join(this.tenantDir(name), 'broker.log'), options);
  }

  async orphans(known: ReadonlySet<string>): Promise<Orphan[]> {
    const entries = await readdir(path.join(this.dataDir, 'tenants'), { withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isDirectory() && !known.has(entry.name))
      .map((entry) => ({ runtime: this.kind, tenant: entry.name, location: this.tenantDir(entry.name) }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
  }

  private async open(tenant: TenantRecord): Promise<void> {
    const { name } = tenant;
    const webhooks = tenant.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
    const log = createWriteStream(path.join(this.tenantDir(name), 'broker.log'), { flags: 'a' });
    const logger = createLogger({ level: this.brokerLogLevel, write: (line) => log.write(line + '\n'), fields: { tenant: name } });
    let broker: Broker;
    try {
      broker = await openBroker({
        databaseUrl: `sqlite://${this.databasePath(name)}`,
        logger,
        webhookHostWhitelist: webhooks.hostWhitelist,
        webhookSchemeWhitelist: webhooks.schemeWhitelist,
      });
    } catch (error) {
      log.end();
      throw new RuntimeError(`The broker of tenant "${name}" could not open its database: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const listener = getRequestListener(broker.fetch);
    const handle = (req: IncomingMessage, res: ServerResponse) => void listener(req, res);
    this.running.set(name, { broker, log, route: { kind: 'in-process', handle } });
    this.logger.info('tenant broker started', { tenant: name, runtime: this.kind });
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
