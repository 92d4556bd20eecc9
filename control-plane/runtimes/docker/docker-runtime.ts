import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { ConflictError, RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { TenantRoute } from '../../../shared/routing.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { basicAuthEnv, brokerAuthHeaders } from '../../tenants/tenant-auth.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../tenants/webhook-settings.js';
import type { DesiredState, Orphan, RuntimeFacts, TenantDatabase, TenantRuntime } from '../runtime.js';
import { containerLogs } from '../engine/container-logs.js';
import { waitForDatabase, waitForHeartbeat } from './container-readiness.js';
import { brokerContainerSpec, DATABASE_NAME, DATABASE_USER, databaseContainerSpec, envDiffers, publishesPorts } from './container-specs.js';
import { databaseSize } from './database-size.js';
import { ensureImage } from './docker-images.js';
import { BROKER_PORT, dockerNames, LABELS, type ContainerRole } from './docker-names.js';
import { DockerWatcher } from './docker-watcher.js';
import { addressOn, ensureGatewayNetwork, joinNetwork, leaveNetwork } from './gateway-network.js';
import { officialTenantDatabase } from './official-database.js';
import { pactsafsTenantDatabase } from './pactsafs-database.js';

export interface DockerRuntimeOptions {
  docker: Dockerode;
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
  readinessTimeoutMs?: number;
  logger: Logger;
}

const SIZE_CACHE_MS = 10_000;

/** Tenants as a pact-broker container and a postgres container on their own network (issue: Docker runtime). */
export class DockerRuntime implements TenantRuntime {
  readonly kind = 'docker' as const;
  private readonly routes = new Map<string, TenantRoute>();
  /** Running brokers' addresses on the gateway network (issue 12): they change when a container restarts. */
  private readonly addresses = new Map<string, string>();
  private readonly sizes = new Map<string, { at: number; bytes: number }>();
  private readonly watcher: DockerWatcher;

  constructor(private readonly options: DockerRuntimeOptions) {
    this.watcher = new DockerWatcher(options.docker, options.logger, {
      restart: (name) => this.restartContainers(name),
      brokerSeen: (name, broker) => this.followBroker(name, addressOn(broker?.NetworkSettings.Networks, dockerNames.gatewayNetwork)),
    });
  }

  async leftoverData(name: string): Promise<string | undefined> {
    const objects = [...(await this.containerNames(name))];
    if (await this.volumeExists(name)) objects.push(`volume ${dockerNames.volume(name)}`);
    if (objects.length === 0) return undefined;
    return `Docker objects of an earlier tenant named "${name}" still exist (${objects.join(', ')}). Remove them first, or choose another name.`;
  }

  async create(tenant: TenantRecord): Promise<RuntimeFacts> {
    const { docker, images, logger } = this.options;
    await ensureImage(docker, images.postgres, logger);
    await ensureImage(docker, images.broker, logger);
    const facts: RuntimeFacts = { databasePassword: randomBytes(24).toString('base64url') };
    const record = { ...tenant, ...facts };
    try {
      const labels = { [LABELS.tenant]: tenant.name, [LABELS.version]: this.options.platformVersion };
      await docker.createNetwork({ Name: dockerNames.network(tenant.name), Labels: labels, CheckDuplicate: true });
      await docker.createVolume({ Name: dockerNames.volume(tenant.name), Labels: labels });
      await docker.createContainer(databaseContainerSpec(this.settings(record, images.postgres)));
      await docker.createContainer(this.brokerSpec(record));
      await this.start(record);
    } catch (error) {
      // A create that fails leaves nothing behind, and reports the original error.
      await this.remove(tenant.name, { keepData: false }).catch(() => {});
      throw error;
    }
    return facts;
  }

  /**
   * Starts (or adopts, when already running) both containers; recreates the broker when its settings
   * changed, or when it still publishes a port (made before issue 12). Its gateway address is read now:
   * it changes when the container restarts.
   */
  async start(tenant: TenantRecord): Promise<void> {
    const problem = await this.inspect(tenant);
    if (problem) throw new RuntimeError(problem);
    await this.joinGatewayNetwork(tenant.name);
    const broker = this.options.docker.getContainer(dockerNames.container(tenant.name, 'broker'));
    await this.recreateBrokerIfChanged(tenant, await broker.inspect());
    await this.startContainer(tenant.name, 'db');
    // The broker retries a database that is not up yet only every 3 s (the official image's pace): wait for it here.
    const timeoutMs = this.options.readinessTimeoutMs ?? 90_000;
    await waitForDatabase(this.options.docker.getContainer(dockerNames.container(tenant.name, 'db')), timeoutMs);
    await this.startContainer(tenant.name, 'broker');
    // A handle by name: still the broker after a recreation above.
    this.followBroker(tenant.name, await this.servingAddress(tenant, broker, timeoutMs));
    this.watcher.track(tenant.name);
  }

  async stop(name: string): Promise<void> {
    this.watcher.untrack(name);
    this.followBroker(name, undefined);
    for (const role of ['broker', 'db'] as const) {
      await this.options.docker
        .getContainer(dockerNames.container(name, role))
        .stop({ t: 10 })
        .catch(ignoreNotModified);
    }
  }

  async remove(name: string, options: { keepData: boolean }): Promise<void> {
    this.watcher.untrack(name);
    this.followBroker(name, undefined);
    this.sizes.delete(name);
    const { docker } = this.options;
    for (const role of ['broker', 'db'] as const) {
      await docker.getContainer(dockerNames.container(name, role)).remove({ force: true, v: true }).catch(ignoreMissing);
    }
    // A platform in a container may be on it (a backup under way, or joined by a version before issue 12).
    if (this.options.selfContainer) await leaveNetwork(docker, dockerNames.network(name), this.options.selfContainer);
    await docker.getNetwork(dockerNames.network(name)).remove().catch(ignoreMissing);
    // `remove({ v: true })` leaves named volumes: delete it ourselves (unless the data are to stay).
    if (!options.keepData) await docker.getVolume(dockerNames.volume(name)).remove().catch(ignoreMissing);
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
    const containers = await this.options.docker.listContainers({ all: true, filters: { label: [LABELS.tenant] } });
    const byTenant = new Map<string, string[]>();
    for (const container of containers) {
      const tenant = container.Labels[LABELS.tenant];
      if (tenant === undefined || known.has(tenant)) continue;
      byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), ...container.Names.map((n) => n.replace(/^\//, ''))]);
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
    const broker = await this.options.docker.getContainer(dockerNames.container(tenant.name, 'broker')).inspect();
    if (broker.Config.Labels?.[LABELS.brokerFlavour] === 'pactsafs') return this.rowsDatabase(tenant);
    return officialTenantDatabase({
      db: this.options.docker.getContainer(dockerNames.container(tenant.name, 'db')),
      password: databasePassword(tenant),
      stopBroker: async () => {
        this.watcher.untrack(tenant.name);
        this.followBroker(tenant.name, undefined);
        await this.options.docker.getContainer(dockerNames.container(tenant.name, 'broker')).stop({ t: 10 }).catch(ignoreNotModified);
      },
      startBroker: () => this.start(tenant),
    });
  }

  /** The database's size, asked at most every 10 s per tenant (lists poll it, each asking costs a connection). */
  async dataSize(tenant: TenantRecord): Promise<number | null> {
    if (!this.routes.has(tenant.name)) return null;
    const cached = this.sizes.get(tenant.name);
    if (cached && Date.now() - cached.at < SIZE_CACHE_MS) return cached.bytes;
    const bytes = await databaseSize(this.options.docker.getContainer(dockerNames.container(tenant.name, 'db')), databasePassword(tenant));
    this.sizes.set(tenant.name, { at: Date.now(), bytes });
    return bytes;
  }

  watch(desired: DesiredState): void {
    this.watcher.start(desired);
  }

  logs(name: string, options: { role: ContainerRole; follow: boolean; tail: number }): Promise<NodeJS.ReadableStream> {
    return containerLogs(this.options.docker.getContainer(dockerNames.container(name, options.role)), options);
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
    await joinNetwork(this.options.docker, dockerNames.gatewayNetwork, dockerNames.container(name, 'broker'));
    for (const role of ['db', 'broker'] as const) await this.startContainer(name, role);
  }

  /** Waits for the broker's heartbeat through the way the gateway will take; answers its address on the gateway network. */
  private async servingAddress(tenant: TenantRecord, broker: Dockerode.Container, timeoutMs: number): Promise<string> {
    let address = '';
    const locate = async () => {
      address = addressOn((await broker.inspect()).NetworkSettings.Networks, dockerNames.gatewayNetwork) ?? '';
      if (!address) throw new Error(`the container has no address on ${dockerNames.gatewayNetwork} (not running)`);
      return this.upstream(tenant.name, address);
    };
    const where = this.options.selfContainer ? `${dockerNames.container(tenant.name, 'broker')}:${BROKER_PORT}` : `its address on ${dockerNames.gatewayNetwork}`;
    await waitForHeartbeat(broker, locate, { timeoutMs, headers: brokerAuthHeaders(tenant), where });
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
    const { docker, selfContainer } = this.options;
    const container = await docker.getContainer(dockerNames.container(tenant.name, 'db')).inspect();
    if (!container.State.Running) throw new ConflictError(`Tenant "${tenant.name}" is stopped; start it first (its database runs only while it runs).`);
    const url = (host: string) => `postgres://${DATABASE_USER}:${encodeURIComponent(databasePassword(tenant))}@${host}:5432/${DATABASE_NAME}`;
    if (selfContainer) {
      // Only for the operation: the gateway's network holds no database, and the platform stays off tenant networks.
      await joinNetwork(docker, dockerNames.network(tenant.name), selfContainer);
      return pactsafsTenantDatabase(url(dockerNames.container(tenant.name, 'db')), () => leaveNetwork(docker, dockerNames.network(tenant.name), selfContainer));
    }
    const host = addressOn(container.NetworkSettings.Networks, dockerNames.network(tenant.name));
    if (!host) throw new RuntimeError(`The database container of tenant "${tenant.name}" has no address on its network.`);
    return pactsafsTenantDatabase(url(host));
  }

  /** Recreates the broker container (its data are in the db's volume) when it differs from what the tenant wants, then puts it on the gateway network. */
  private async recreateBrokerIfChanged(tenant: TenantRecord, current: Dockerode.ContainerInspectInfo): Promise<void> {
    const { docker, logger } = this.options;
    const wanted = this.brokerSpec(tenant);
    if (envDiffers(current.Config.Env, wanted.Env) || current.Config.Image !== wanted.Image || publishesPorts(current)) {
      logger.info('recreating the broker container with new settings (data kept)', { tenant: tenant.name, publishedPort: publishesPorts(current) });
      await docker.getContainer(current.Id).remove({ force: true });
      await ensureImage(docker, this.options.images.broker, logger);
      await docker.createContainer(wanted);
    }
    await joinNetwork(docker, dockerNames.gatewayNetwork, dockerNames.container(tenant.name, 'broker'));
  }

  /** The gateway network exists, and a platform in a container is on it (and, since issue 12, on no tenant network). */
  private async joinGatewayNetwork(tenant: string): Promise<void> {
    const { docker, selfContainer, platformVersion } = this.options;
    await ensureGatewayNetwork(docker, platformVersion);
    if (!selfContainer) return;
    await joinNetwork(docker, dockerNames.gatewayNetwork, selfContainer);
    // A version before issue 12 joined every tenant network; a restarted platform container is still on them.
    await leaveNetwork(docker, dockerNames.network(tenant), selfContainer);
  }

  private settings(tenant: TenantRecord, image: string) {
    return { tenant: tenant.name, platformVersion: this.options.platformVersion, databasePassword: databasePassword(tenant), image };
  }

  private brokerSpec(tenant: TenantRecord): Dockerode.ContainerCreateOptions {
    return brokerContainerSpec({
      ...this.settings(tenant, this.options.images.broker),
      baseUrls: this.options.baseUrlsFor(tenant.name),
      logLevel: this.options.brokerLogLevel,
      webhooks: tenant.webhooks ?? DEFAULT_WEBHOOK_SETTINGS,
      authEnv: basicAuthEnv(tenant.basicAuth),
      maxBodyBytes: tenant.maxBodyBytes,
    });
  }

  private async startContainer(name: string, role: ContainerRole): Promise<void> {
    await this.options.docker
      .getContainer(dockerNames.container(name, role))
      .start()
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error; // 304: already running, adopted as it is
      });
  }

  private async containerNames(name: string): Promise<Set<string>> {
    const containers = await this.options.docker.listContainers({ all: true, filters: { label: [`${LABELS.tenant}=${name}`] } });
    return new Set(containers.flatMap((container) => container.Names.map((n) => n.replace(/^\//, ''))));
  }

  private async volumeExists(name: string): Promise<boolean> {
    return this.options.docker.getVolume(dockerNames.volume(name)).inspect().then(
      () => true,
      () => false,
    );
  }
}

function databasePassword(tenant: TenantRecord): string {
  if (!tenant.databasePassword) throw new RuntimeError(`Tenant "${tenant.name}" has no database password recorded.`);
  return tenant.databasePassword;
}

/** 404: already gone. */
function ignoreMissing(error: { statusCode?: number }): void {
  if (error.statusCode !== 404) throw error;
}

/** 304 from stop: already stopped; 404: already gone. */
function ignoreNotModified(error: { statusCode?: number }): void {
  if (error.statusCode !== 304 && error.statusCode !== 404) throw error;
}
