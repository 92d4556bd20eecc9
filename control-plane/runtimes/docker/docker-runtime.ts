import { randomBytes } from 'node:crypto';
import { ConflictError, RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { TenantRoute } from '../../../shared/routing.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { basicAuthEnv, brokerAuthHeaders } from '../../tenants/tenant-auth.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../tenants/webhook-settings.js';
import type { ContainerEngine, ContainerSpec, EngineContainerDetails } from '../engine/docker-engine.js';
import type { DesiredState, Orphan, RuntimeFacts, TenantDatabase, TenantRuntime } from '../runtime.js';
import { waitForDatabase, waitForHeartbeat } from './container-readiness.js';
import { brokerContainerSpec, DATABASE_NAME, DATABASE_USER, databaseContainerSpec, envDiffers } from './container-specs.js';
import { databaseSize, undeliveredWebhooks } from './database-size.js';
import { ensureImage } from './docker-images.js';
import { BROKER_PORT, dockerNames, LABELS, type ContainerRole } from './docker-names.js';
import { DockerWatcher } from './docker-watcher.js';
import { ensureGatewayNetwork } from './gateway-network.js';
import { officialTenantDatabase } from './official-database.js';
import { pactsafsTenantDatabase } from './pactsafs-database.js';

export interface DockerRuntimeOptions {
  /** The engine's containers (issue 12: the narrow engine interface; dockerode-engine.ts, or an in-memory one in tests). */
  engine: ContainerEngine;
  images: { broker: string; postgres: string };
  platformVersion: string;
  /** The tenant's gateway URLs, given to its broker as PACT_BROKER_BASE_URLS. */
  baseUrlsFor: (name: string) => string[];
  /**
   * When the platform runs in a container itself: its name. It joins the gateway network (only that
   * one) and reaches brokers by name there; on the host it reaches their addresses on it (issue 12).
   */
  selfContainer?: string;
  brokerLogLevel: string;
  /** The platform's key of webhook secrets (team issue 14), given to brokers as PACT_BROKER_SECRETS_KEY. */
  secretsKey?: Buffer;
  readinessTimeoutMs?: number;
  logger: Logger;
}

const SIZE_CACHE_MS = 10_000;

/** Tenants as a pact-broker container and a postgres container on their own network (issue: Docker runtime). */
export class DockerRuntime implements TenantRuntime {
  readonly kind = 'docker' as const;
  /** Issue 13: a sleeping docker tenant's database container is stopped too. */
  readonly databaseSleepsWithBroker = true;
  private readonly routes = new Map<string, TenantRoute>();
  /** Running brokers' addresses on the gateway network (issue 12): they change when a container restarts. */
  private readonly addresses = new Map<string, string>();
  private readonly sizes = new Map<string, { at: number; bytes: number }>();
  private readonly watcher: DockerWatcher;

  constructor(private readonly options: DockerRuntimeOptions) {
    this.watcher = new DockerWatcher(options.engine, options.logger, {
      restart: (name) => this.restartContainers(name),
      brokerSeen: (name, broker) => this.followBroker(name, broker?.addresses[dockerNames.gatewayNetwork]),
    });
  }

  async leftoverData(name: string): Promise<string | undefined> {
    const objects = [...(await this.containerNames(name))];
    if (await this.options.engine.volumeExists(dockerNames.volume(name))) objects.push(`volume ${dockerNames.volume(name)}`);
    if (objects.length === 0) return undefined;
    return `Docker objects of an earlier tenant named "${name}" still exist (${objects.join(', ')}). Remove them first, or choose another name.`;
  }

  async create(tenant: TenantRecord): Promise<RuntimeFacts> {
    const { engine, images, logger } = this.options;
    // Issue 12 (runtime contract): a create retried over existing containers adopts them with their
    // password; the cleanup below would otherwise remove the tenant that is there.
    const existing = await this.existingPassword(tenant.name);
    if (existing !== undefined) {
      await this.start({ ...tenant, databasePassword: existing });
      return { databasePassword: existing };
    }
    await ensureImage(engine, images.postgres, logger);
    await ensureImage(engine, images.broker, logger);
    const facts: RuntimeFacts = { databasePassword: randomBytes(24).toString('base64url') };
    const record = { ...tenant, ...facts };
    try {
      const labels = { [LABELS.tenant]: tenant.name, [LABELS.version]: this.options.platformVersion };
      await engine.ensureNetwork(dockerNames.network(tenant.name), labels, 'local');
      await engine.createVolume(dockerNames.volume(tenant.name), labels);
      await engine.createContainer(databaseContainerSpec(this.settings(record, images.postgres)));
      await engine.createContainer(this.brokerSpec(record));
      await this.start(record);
    } catch (error) {
      // A create that fails leaves nothing behind, and reports the original error.
      await this.remove(tenant.name, { keepData: false }).catch(() => {});
      throw error;
    }
    return facts;
  }

  /** The password in the tenant's db container, when there is one. */
  private async existingPassword(name: string): Promise<string | undefined> {
    const db = await this.options.engine.inspectContainer(dockerNames.container(name, 'db'));
    return db?.env.find((entry) => entry.startsWith('POSTGRES_PASSWORD='))?.slice('POSTGRES_PASSWORD='.length);
  }

  /**
   * Starts (or adopts, when already running) both containers; recreates the broker when its settings
   * changed, or when it still publishes a port (made before issue 12). Its gateway address is read now:
   * it changes when the container restarts.
   */
  async start(tenant: TenantRecord): Promise<void> {
    const problem = await this.inspect(tenant);
    if (problem) throw new RuntimeError(problem);
    const { engine } = this.options;
    const db = dockerNames.container(tenant.name, 'db');
    // Team issue 13 (target 3, a wake in ≤ 5 s): postgres starts while the broker's container is checked.
    const dbStarting = engine.startContainer(db);
    dbStarting.catch(() => undefined); // awaited below; a check failing first must not leave it unhandled
    await this.joinGatewayNetwork(tenant.name);
    const broker = dockerNames.container(tenant.name, 'broker');
    const current = await engine.inspectContainer(broker);
    if (!current) throw new RuntimeError(`The container ${broker} is gone.`);
    const recreated = await this.recreateBrokerIfChanged(tenant, current);
    const timeoutMs = this.options.readinessTimeoutMs ?? 90_000;
    // The official broker retries a database that is not up yet only every 3 s: wait for it here. Ours asks every
    // 100 ms (broker/db/wait-for-database.ts), so it boots while postgres does (team issue 13: 0.8 s of a 3.9 s wake).
    if (recreated || current.labels[LABELS.brokerFlavour] !== 'pactsafs') {
      await dbStarting;
      await waitForDatabase(engine, db, timeoutMs);
      await engine.startContainer(broker);
    } else await Promise.all([dbStarting, engine.startContainer(broker)]);
    // By name: still the broker after a recreation above.
    this.followBroker(tenant.name, await this.servingAddress(tenant, timeoutMs));
    this.watcher.track(tenant.name);
  }

  async stop(name: string): Promise<void> {
    this.watcher.untrack(name);
    this.followBroker(name, undefined);
    for (const role of ['broker', 'db'] as const) await this.options.engine.stopContainer(dockerNames.container(name, role), 10);
  }

  async remove(name: string, options: { keepData: boolean }): Promise<void> {
    this.watcher.untrack(name);
    this.followBroker(name, undefined);
    this.sizes.delete(name);
    const { engine } = this.options;
    for (const role of ['broker', 'db'] as const) await engine.removeContainer(dockerNames.container(name, role));
    // A platform in a container may be on it (a backup under way, or joined by a version before issue 12).
    if (this.options.selfContainer) await engine.disconnect(dockerNames.network(name), this.options.selfContainer);
    await engine.removeNetwork(dockerNames.network(name));
    // Removing a container leaves named volumes: delete it ourselves (unless the data are to stay).
    if (!options.keepData) await engine.removeVolume(dockerNames.volume(name));
  }

  route(name: string): TenantRoute | undefined {
    return this.routes.get(name);
  }

  /** Where running brokers listen on the gateway network: embedded tenants' webhooks must never reach them (issue 11, issue 12). */
  brokerEndpoints(): { host: string; port: number }[] {
    return [...this.addresses.values()].map((host) => ({ host, port: BROKER_PORT }));
  }

  async inspect(tenant: TenantRecord): Promise<string | undefined> {
    const present = await this.containerNames(tenant.name);
    const missing = (['db', 'broker'] as const).map((role) => dockerNames.container(tenant.name, role)).filter((n) => !present.has(n));
    if (missing.length === 0) return undefined;
    return `Its container${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} gone (removed outside the platform). Restore a backup into a new tenant, or remove this one.`;
  }

  async orphans(known: ReadonlySet<string>): Promise<Orphan[]> {
    const containers = await this.options.engine.listContainers({ label: [LABELS.tenant] });
    const byTenant = new Map<string, string[]>();
    for (const container of containers) {
      const tenant = container.labels[LABELS.tenant];
      if (tenant === undefined || known.has(tenant)) continue;
      byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), container.name]);
    }
    return [...byTenant].map(([tenant, names]) => ({ runtime: this.kind, tenant, location: names.sort().join(', ') }));
  }

  /**
   * The tenant's database. Ours is reached on the tenant network: a platform on the host connects to the
   * db container's address there; one in a container joins that network until `release` (issue 12).
   * The official image's is reached through `exec` in its db container.
   */
  async database(tenant: TenantRecord): Promise<TenantDatabase> {
    const missing = await this.inspect(tenant);
    if (missing) throw new ConflictError(missing);
    // A container carries its image's labels: ours marks its flavour, the official image does not.
    const broker = await this.options.engine.inspectContainer(dockerNames.container(tenant.name, 'broker'));
    if (broker?.labels[LABELS.brokerFlavour] === 'pactsafs') return this.rowsDatabase(tenant);
    return officialTenantDatabase({
      engine: this.options.engine,
      db: dockerNames.container(tenant.name, 'db'),
      password: databasePassword(tenant),
      stopBroker: async () => {
        this.watcher.untrack(tenant.name);
        this.followBroker(tenant.name, undefined);
        await this.options.engine.stopContainer(dockerNames.container(tenant.name, 'broker'), 10);
      },
      startBroker: () => this.start(tenant),
    });
  }

  /** Issue 13: asked of an idle tenant before it sleeps (its database runs while it does). */
  async undeliveredWebhooks(tenant: TenantRecord): Promise<number> {
    if (!this.routes.has(tenant.name)) return 0;
    return undeliveredWebhooks(this.options.engine, dockerNames.container(tenant.name, 'db'), databasePassword(tenant));
  }

  /** The database's size, asked at most every 10 s per tenant (lists poll it, each asking costs a connection). */
  async dataSize(tenant: TenantRecord): Promise<number | null> {
    if (!this.routes.has(tenant.name)) return null;
    const cached = this.sizes.get(tenant.name);
    if (cached && Date.now() - cached.at < SIZE_CACHE_MS) return cached.bytes;
    const bytes = await databaseSize(this.options.engine, dockerNames.container(tenant.name, 'db'), databasePassword(tenant));
    this.sizes.set(tenant.name, { at: Date.now(), bytes });
    return bytes;
  }

  watch(desired: DesiredState): void {
    this.watcher.start(desired);
  }

  logs(name: string, options: { role: ContainerRole; follow: boolean; tail: number }): Promise<NodeJS.ReadableStream> {
    return this.options.engine.containerLogs(dockerNames.container(name, options.role), options);
  }

  /** Platform shutdown: tenant containers keep running (a restart adopts them); only our bookkeeping stops. */
  async close(): Promise<void> {
    this.watcher.stop();
    this.routes.clear();
    this.addresses.clear();
  }

  /** The watcher's remedy for a tenant that should run but whose containers stopped (its route follows on the next relist). */
  private async restartContainers(name: string): Promise<void> {
    // A broker someone took off the gateway network would start unreachable: put it back first.
    await this.joinGatewayNetwork(name);
    await this.options.engine.connect(dockerNames.gatewayNetwork, dockerNames.container(name, 'broker'));
    for (const role of ['db', 'broker'] as const) await this.options.engine.startContainer(dockerNames.container(name, role));
  }

  /** Waits for the broker's heartbeat through the way the gateway will take; answers its address on the gateway network. */
  private async servingAddress(tenant: TenantRecord, timeoutMs: number): Promise<string> {
    const broker = dockerNames.container(tenant.name, 'broker');
    let address = '';
    const locate = async () => {
      address = (await this.options.engine.inspectContainer(broker))?.addresses[dockerNames.gatewayNetwork] ?? '';
      if (!address) throw new Error(`the container has no address on ${dockerNames.gatewayNetwork} (not running)`);
      return this.upstream(tenant.name, address);
    };
    const where = this.options.selfContainer ? `${broker}:${BROKER_PORT}` : `its address on ${dockerNames.gatewayNetwork}`;
    await waitForHeartbeat(this.options.engine, broker, locate, { timeoutMs, headers: brokerAuthHeaders(tenant), where });
    return address;
  }

  /** Routes a tenant to its broker's gateway address, or (undefined: not running) stops routing it. */
  private followBroker(name: string, address: string | undefined): void {
    if (address === undefined) {
      this.routes.delete(name);
      this.addresses.delete(name);
      return;
    }
    if (this.addresses.get(name) === address && this.routes.has(name)) return;
    this.addresses.set(name, address);
    this.routes.set(name, { kind: 'proxy', ...this.upstream(name, address) });
  }

  /** Where the gateway sends a tenant's requests: in a container, the broker's name on the gateway network; on the host, its address there. */
  private upstream(name: string, address: string): { host: string; port: number } {
    return { host: this.options.selfContainer ? dockerNames.container(name, 'broker') : address, port: BROKER_PORT };
  }

  private async rowsDatabase(tenant: TenantRecord): Promise<TenantDatabase> {
    const { engine, selfContainer } = this.options;
    const container = await engine.inspectContainer(dockerNames.container(tenant.name, 'db'));
    if (container?.state !== 'running') throw new ConflictError(`Tenant "${tenant.name}" is stopped; start it first (its database runs only while it runs).`);
    const url = (host: string) => `postgres://${DATABASE_USER}:${encodeURIComponent(databasePassword(tenant))}@${host}:5432/${DATABASE_NAME}`;
    if (selfContainer) {
      // Only for the operation: the gateway's network holds no database, and the platform stays off tenant networks.
      await engine.connect(dockerNames.network(tenant.name), selfContainer);
      return pactsafsTenantDatabase(url(dockerNames.container(tenant.name, 'db')), () => engine.disconnect(dockerNames.network(tenant.name), selfContainer));
    }
    const host = container.addresses[dockerNames.network(tenant.name)];
    if (!host) throw new RuntimeError(`The database container of tenant "${tenant.name}" has no address on its network.`);
    return pactsafsTenantDatabase(url(host));
  }

  /**
   * Recreates the broker container (its data are in the db's volume) when it differs from what the tenant wants, then
   * puts it on the gateway network. Answers whether it recreated it.
   */
  private async recreateBrokerIfChanged(tenant: TenantRecord, current: EngineContainerDetails): Promise<boolean> {
    const { engine, logger } = this.options;
    const wanted = this.brokerSpec(tenant);
    const changed = envDiffers(current.env, wanted.Env) || current.image !== wanted.Image || current.publishesPorts;
    if (changed) {
      logger.info('recreating the broker container with new settings (data kept)', { tenant: tenant.name, publishedPort: current.publishesPorts });
      await engine.removeContainer(current.id);
      await ensureImage(engine, this.options.images.broker, logger);
      await engine.createContainer(wanted);
    }
    await engine.connect(dockerNames.gatewayNetwork, dockerNames.container(tenant.name, 'broker'));
    return changed;
  }

  /** The gateway network exists, and a platform in a container is on it (and, since issue 12, on no tenant network). */
  private async joinGatewayNetwork(tenant: string): Promise<void> {
    const { engine, selfContainer, platformVersion } = this.options;
    await ensureGatewayNetwork(engine, platformVersion);
    if (!selfContainer) return;
    await engine.connect(dockerNames.gatewayNetwork, selfContainer);
    // A version before issue 12 joined every tenant network; a restarted platform container is still on them.
    await engine.disconnect(dockerNames.network(tenant), selfContainer);
  }

  private settings(tenant: TenantRecord, image: string) {
    return { tenant: tenant.name, platformVersion: this.options.platformVersion, databasePassword: databasePassword(tenant), image };
  }

  private brokerSpec(tenant: TenantRecord): ContainerSpec {
    return brokerContainerSpec({
      ...this.settings(tenant, this.options.images.broker),
      baseUrls: this.options.baseUrlsFor(tenant.name),
      logLevel: this.options.brokerLogLevel,
      webhooks: tenant.webhooks ?? DEFAULT_WEBHOOK_SETTINGS,
      authEnv: basicAuthEnv(tenant.basicAuth),
      maxBodyBytes: tenant.maxBodyBytes,
      secretsKey: this.options.secretsKey?.toString('base64'),
    });
  }

  private async containerNames(name: string): Promise<Set<string>> {
    const containers = await this.options.engine.listContainers({ label: [`${LABELS.tenant}=${name}`] });
    return new Set(containers.map((container) => container.name));
  }
}

function databasePassword(tenant: TenantRecord): string {
  if (!tenant.databasePassword) throw new RuntimeError(`Tenant "${tenant.name}" has no database password recorded.`);
  return tenant.databasePassword;
}
