import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { ConflictError, RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { TenantRoute } from '../../../shared/routing.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { basicAuthEnv, brokerAuthHeaders } from '../../tenants/tenant-auth.js';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../tenants/webhook-settings.js';
import type { PortAllocator } from '../port-allocator.js';
import type { DesiredState, Orphan, RuntimeFacts, TenantDatabase, TenantRuntime } from '../runtime.js';
import { containerLogs } from './container-logs.js';
import { waitForDatabase, waitForHeartbeat } from './container-readiness.js';
import { brokerContainerSpec, DATABASE_NAME, DATABASE_USER, databaseContainerSpec, envDiffers } from './container-specs.js';
import { ensureImage } from './docker-images.js';
import { BROKER_PORT, dockerNames, LABELS, type ContainerRole } from './docker-names.js';
import { DockerWatcher } from './docker-watcher.js';
import { officialTenantDatabase } from './official-database.js';
import { pactsafsTenantDatabase, postgresDatabaseSize } from './pactsafs-database.js';

export interface DockerRuntimeOptions {
  docker: Dockerode;
  images: { broker: string; postgres: string };
  platformVersion: string;
  ports: PortAllocator;
  /** Internal ports tenants hold (the registry's), so two tenants never get the same one. */
  heldPorts: () => ReadonlySet<number>;
  /** The tenant's gateway URLs, given to its broker as PACT_BROKER_BASE_URLS. */
  baseUrlsFor: (name: string) => string[];
  /** When the platform runs in a container itself: its name; it joins tenant networks to reach brokers. */
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
  private readonly sizes = new Map<string, { at: number; bytes: number }>();
  private readonly watcher: DockerWatcher;

  constructor(private readonly options: DockerRuntimeOptions) {
    this.watcher = new DockerWatcher(options.docker, options.logger, (name) => this.restartContainers(name));
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
    const facts: RuntimeFacts = {
      // In a container the platform reaches brokers over their network: nothing is published on the host.
      internalPort: this.options.selfContainer ? undefined : await this.options.ports.allocate(this.options.heldPorts()),
      databasePassword: randomBytes(24).toString('base64url'),
    };
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
      if (facts.internalPort !== undefined) this.options.ports.release(facts.internalPort);
      throw error;
    }
    return facts;
  }

  /** Starts (or adopts, when already running) both containers; recreates the broker when its settings changed. */
  async start(tenant: TenantRecord): Promise<void> {
    const problem = await this.inspect(tenant);
    if (problem) throw new RuntimeError(problem);
    const broker = this.options.docker.getContainer(dockerNames.container(tenant.name, 'broker'));
    const current = await broker.inspect();
    const wanted = this.brokerSpec(tenant);
    if (envDiffers(current.Config.Env, wanted.Env) || current.Config.Image !== wanted.Image) {
      this.options.logger.info('recreating the broker container with new settings (data kept)', { tenant: tenant.name });
      await broker.remove({ force: true });
      await ensureImage(this.options.docker, this.options.images.broker, this.options.logger);
      await this.options.docker.createContainer(wanted);
    }
    await this.startContainer(tenant.name, 'db');
    // The broker retries a database that is not up yet only every 3 s (the official image's pace): wait for it here.
    const timeoutMs = this.options.readinessTimeoutMs ?? 90_000;
    await waitForDatabase(this.options.docker.getContainer(dockerNames.container(tenant.name, 'db')), timeoutMs);
    await this.startContainer(tenant.name, 'broker');
    const route = await this.connectUpstream(tenant);
    // A handle by name: still the broker after a recreation above.
    await waitForHeartbeat(broker, route, timeoutMs, brokerAuthHeaders(tenant));
    this.routes.set(tenant.name, { kind: 'proxy', ...route });
    this.watcher.track(tenant.name);
  }

  async stop(name: string): Promise<void> {
    this.watcher.untrack(name);
    this.routes.delete(name);
    for (const role of ['broker', 'db'] as const) {
      await this.options.docker
        .getContainer(dockerNames.container(name, role))
        .stop({ t: 10 })
        .catch(ignoreNotModified);
    }
  }

  async remove(name: string, options: { keepData: boolean }): Promise<void> {
    this.watcher.untrack(name);
    this.routes.delete(name);
    this.sizes.delete(name);
    const { docker } = this.options;
    for (const role of ['broker', 'db'] as const) {
      await docker.getContainer(dockerNames.container(name, role)).remove({ force: true, v: true }).catch(ignoreMissing);
    }
    const network = docker.getNetwork(dockerNames.network(name));
    if (this.options.selfContainer) await network.disconnect({ Container: this.options.selfContainer, Force: true }).catch(() => {});
    await network.remove().catch(ignoreMissing);
    // `remove({ v: true })` leaves named volumes: delete it ourselves (unless the data are to stay).
    if (!options.keepData) await docker.getVolume(dockerNames.volume(name)).remove().catch(ignoreMissing);
  }

  route(name: string): TenantRoute | undefined {
    return this.routes.get(name);
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

  /** The tenant's postgres, reached on its network: the host routes to container addresses; in a container we joined it. */
  async database(tenant: TenantRecord): Promise<TenantDatabase> {
    const missing = await this.inspect(tenant);
    if (missing) throw new ConflictError(missing);
    // A container carries its image's labels: ours marks its flavour, the official image does not.
    const broker = await this.options.docker.getContainer(dockerNames.container(tenant.name, 'broker')).inspect();
    if (broker.Config.Labels?.[LABELS.brokerFlavour] === 'pactsafs') return pactsafsTenantDatabase(await this.databaseUrl(tenant));
    return officialTenantDatabase({
      db: this.options.docker.getContainer(dockerNames.container(tenant.name, 'db')),
      password: databasePassword(tenant),
      stopBroker: async () => {
        this.watcher.untrack(tenant.name);
        this.routes.delete(tenant.name);
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
    const bytes = await postgresDatabaseSize(await this.databaseUrl(tenant));
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
  }

  /** The watcher's remedy for a tenant that should run but whose containers stopped. */
  private async restartContainers(name: string): Promise<void> {
    for (const role of ['db', 'broker'] as const) await this.startContainer(name, role);
  }

  private async databaseUrl(tenant: TenantRecord): Promise<string> {
    const container = await this.options.docker.getContainer(dockerNames.container(tenant.name, 'db')).inspect();
    if (!container.State.Running) throw new ConflictError(`Tenant "${tenant.name}" is stopped; start it first (its database runs only while it runs).`);
    const host = this.options.selfContainer
      ? dockerNames.container(tenant.name, 'db')
      : container.NetworkSettings.Networks[dockerNames.network(tenant.name)]?.IPAddress;
    if (!host) throw new RuntimeError(`The database container of tenant "${tenant.name}" has no address on its network.`);
    return `postgres://${DATABASE_USER}:${encodeURIComponent(databasePassword(tenant))}@${host}:5432/${DATABASE_NAME}`;
  }

  private settings(tenant: TenantRecord, image: string) {
    return { tenant: tenant.name, platformVersion: this.options.platformVersion, databasePassword: databasePassword(tenant), image };
  }

  private brokerSpec(tenant: TenantRecord): Dockerode.ContainerCreateOptions {
    if (tenant.internalPort === undefined && !this.options.selfContainer) {
      throw new RuntimeError(`Tenant "${tenant.name}" has no internal port recorded.`);
    }
    return brokerContainerSpec({
      ...this.settings(tenant, this.options.images.broker),
      internalPort: tenant.internalPort,
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

  /** Where the gateway reaches the broker: the published loopback port, or (in a container) the tenant network. */
  private async connectUpstream(tenant: TenantRecord): Promise<{ host: string; port: number }> {
    const self = this.options.selfContainer;
    if (!self && tenant.internalPort !== undefined) return { host: '127.0.0.1', port: tenant.internalPort };
    if (!self) throw new RuntimeError(`Tenant "${tenant.name}" has no internal port recorded.`);
    await this.options.docker
      .getNetwork(dockerNames.network(tenant.name))
      .connect({ Container: self })
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 403 && error.statusCode !== 409) throw error; // already connected
      });
    return { host: dockerNames.container(tenant.name, 'broker'), port: BROKER_PORT };
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
