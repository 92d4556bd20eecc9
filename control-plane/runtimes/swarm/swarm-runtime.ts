import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { ConflictError, RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { TenantRoute } from '../../../shared/routing.js';
import { dependenciesAnswer, heartbeatAnswers, waitFor } from '../../../shared/wait-for.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { brokerAuthHeaders } from '../../tenants/tenant-auth.js';
import { DATABASE_NAME, DATABASE_USER, envDiffers } from '../docker/container-specs.js';
import { BROKER_PORT, dockerNames, LABELS, type ContainerRole } from '../docker/docker-names.js';
import { databaseAnswers, pactsafsTenantDatabase } from '../docker/pactsafs-database.js';
import { postgresClientProcess } from '../postgres-client-process.js';
import type { DataCopy, DesiredState, LogOptions, Orphan, RuntimeFacts, TenantDatabase, TenantRuntime } from '../runtime.js';
import { sqlDumpDatabase } from '../sql-dump-database.js';
import type { DockerEngine, EngineService } from '../engine/docker-engine.js';
import { chooseNode } from './node-placement.js';
import { moveDatabase, undoInterruptedMove } from './database-move.js';
import { moveTarget } from './move-target.js';
import { removeVolumeOnNode } from './node-volume-removal.js';
import { brokerServiceSpec, databaseServiceSpec, type PasswordSecret, type SwarmServiceSettings } from './service-specs.js';
import { SwarmReconciler } from './swarm-reconciler.js';
import { tenantFromBrokerService, type LabelledState } from './tenant-labels.js';

export interface SwarmRuntimeOptions extends Omit<SwarmServiceSettings, 'baseUrls'> {
  engine: DockerEngine;
  /** The tenant's gateway URLs, given to its broker as PACT_BROKER_BASE_URLS. */
  baseUrlsFor: (name: string) => string[];
  /** The engine socket on each node, and the platform image, for the one-shot task that deletes a volume on its node. */
  nodeSocket: string;
  platformImage: string;
  /** The platform's own container (`PACTSAFS_SELF_CONTAINER`; in a swarm service `{{.Task.Name}}`): a relay on its node lets it reach a tenant's database for a backup or restore. */
  selfContainer: string | undefined;
  readinessTimeoutMs?: number;
  logger: Logger;
}

const ROLES: readonly ContainerRole[] = ['broker', 'db'];
/** Task states in which its container no longer runs (Swarm's task lifecycle). */
const ENDED_TASK_STATES = new Set(['complete', 'shutdown', 'failed', 'rejected', 'orphaned', 'remove']);

/**
 * Tenants as two Swarm services (issue 12): postgres pinned to the node of its volume, the broker
 * replicated anywhere. The services' labels and specs are the desired state; the platform reaches
 * brokers by service name on `pactsafs-gateway`, so it must run as a task on that network.
 */
export class SwarmRuntime implements TenantRuntime {
  readonly kind = 'swarm' as const;
  private readonly serving = new Set<string>();
  private readonly reconciler: SwarmReconciler;

  constructor(private readonly options: SwarmRuntimeOptions) {
    this.reconciler = new SwarmReconciler(
      options.engine,
      { recreateBroker: (tenant) => this.createBroker(tenant), scaleBroker: (name, replicas, state) => this.scaleBroker(name, replicas, state) },
      `${LABELS.platform}=${options.platformId}`,
      options.logger,
    );
  }

  async leftoverData(name: string): Promise<string | undefined> {
    const filters = { label: [`${LABELS.tenant}=${name}`] };
    const [services, secrets] = await Promise.all([this.options.engine.listServices(filters), this.options.engine.listSecrets(filters)]);
    const names = [...services, ...secrets].map((object) => object.name).sort();
    if (names.length === 0) return undefined;
    return `Swarm services or secrets of an earlier tenant named "${name}" still exist (${names.join(', ')}). Remove them first, or choose another name.`;
  }

  async create(tenant: TenantRecord): Promise<RuntimeFacts> {
    const { engine } = this.options;
    // Issue 12 (runtime contract): a create retried over existing services adopts them (the password is
    // in their secret already); the cleanup below would otherwise remove the tenant that is there.
    const existingNode = await this.databaseNode(tenant.name);
    if (existingNode !== undefined) {
      const facts = { ...(tenant.databasePassword && { databasePassword: tenant.databasePassword }), node: existingNode, brokerImage: tenant.brokerImage ?? this.options.images.broker };
      await this.start({ ...tenant, ...facts });
      return facts;
    }
    const facts = { databasePassword: randomBytes(24).toString('base64url'), node: await this.placeDatabase(), brokerImage: tenant.brokerImage ?? this.options.images.broker };
    const record = { ...tenant, ...facts };
    try {
      const labels = { [LABELS.tenant]: tenant.name, [LABELS.version]: this.options.platformVersion, [LABELS.platform]: this.options.platformId };
      await engine.ensureNetwork(dockerNames.gatewayNetwork, { [LABELS.version]: this.options.platformVersion });
      await engine.ensureNetwork(dockerNames.network(tenant.name), labels);
      await engine.createService(databaseServiceSpec(record, this.settings(tenant.name), await this.passwordSecret(record)));
      await this.createBroker(record);
      await this.waitUntilServing(record);
    } catch (error) {
      // A create that fails leaves nothing behind, and reports the original error.
      await this.remove(tenant.name, { keepData: false }).catch((cleanup: unknown) => this.options.logger.warn('cleaning up a failed create failed', { tenant: tenant.name, error: cleanup }));
      throw error;
    }
    return facts;
  }

  /** Scales the broker back up (or adopts it as it runs: a spec that matches is not touched) and waits until it serves. */
  async start(tenant: TenantRecord): Promise<void> {
    const problem = await this.inspect(tenant);
    if (problem) throw new RuntimeError(problem);
    await undoInterruptedMove(this.options.engine, tenant.name, async (node) => databaseServiceSpec({ ...tenant, node }, this.settings(tenant.name), await this.passwordSecret(tenant)), this.options.logger);
    const running = { ...tenant, state: 'running' as const };
    const service = await this.options.engine.inspectService(dockerNames.container(tenant.name, 'broker'));
    const wanted = await this.brokerSpec(running);
    if (!service) {
      await this.options.engine.createService(wanted);
    } else if (this.brokerDiffers(service, wanted)) {
      this.options.logger.info('updating the broker service to the tenant\'s settings (rolling, start-first)', { tenant: tenant.name });
      await this.options.engine.updateService(service, wanted);
    }
    await this.waitUntilServing(running);
  }

  /** Broker replicas 0 and the state label `stopped`; resolves once no broker task runs. The database keeps running (a start is then quick). */
  async stop(name: string): Promise<void> {
    await this.scaleDown(name, 'stopped');
  }

  /** Issue 13: an idle tenant sleeps as a stopped one does (replicas 0), its label saying `sleeping` so the engine records it. */
  async sleep(name: string): Promise<void> {
    await this.scaleDown(name, 'sleeping');
  }

  private async scaleDown(name: string, state: 'stopped' | 'sleeping'): Promise<void> {
    this.serving.delete(name);
    const broker = dockerNames.container(name, 'broker');
    // Issue 12 (runtime contract): a broker service removed behind our back runs nothing; listing its tasks would fail for 60 s.
    if (!(await this.options.engine.inspectService(broker))) return;
    await this.scaleBroker(name, 0, state);
    await waitFor(
      async () => ((await this.options.engine.listTasks({ service: [broker] })).every((task) => ENDED_TASK_STATES.has(task.state)) ? true : undefined),
      { timeoutMs: 60_000, describeFailure: (problem) => `The broker tasks of ${broker} did not stop within 60 s (last: ${problem}).` },
    );
  }

  async remove(name: string, options: { keepData: boolean }): Promise<void> {
    this.serving.delete(name);
    const { engine } = this.options;
    const node = await this.databaseNode(name);
    for (const role of ROLES) await engine.removeService(dockerNames.container(name, role));
    // The network can go once the tasks' endpoints on it are gone.
    await waitFor(
      async () => {
        await engine.removeNetwork(dockerNames.network(name));
        return true;
      },
      { timeoutMs: 60_000, describeFailure: (problem) => `The network ${dockerNames.network(name)} could not be removed within 60 s (last: ${problem}).` },
    );
    // Kept data keep their password: the secret goes with the volume.
    if (options.keepData) return;
    await engine.removeSecret(dockerNames.passwordSecret(name));
    if (node === undefined) return;
    await this.removeVolume(name, node);
  }

  /** Deletes the tenant's volume on its node (only that node's engine can) with a one-shot task there. */
  private removeVolume(name: string, node: string): Promise<void> {
    return removeVolumeOnNode(this.options.engine, {
      volume: dockerNames.volume(name),
      nodeId: node,
      image: this.options.platformImage,
      nodeSocket: this.options.nodeSocket,
      labels: { [LABELS.tenant]: name, [LABELS.version]: this.options.platformVersion, [LABELS.platform]: this.options.platformId },
      timeoutMs: 90_000,
    });
  }

  route(name: string): TenantRoute | undefined {
    // Swarm DNS on pactsafs-gateway: with dnsrr the name resolves to the broker tasks' addresses.
    return this.serving.has(name) ? { kind: 'proxy', host: dockerNames.container(name, 'broker'), port: BROKER_PORT } : undefined;
  }

  async inspect(tenant: TenantRecord): Promise<string | undefined> {
    // A missing broker service is recreated from the record; the database service holds the data's placement.
    const db = await this.options.engine.inspectService(dockerNames.container(tenant.name, 'db'));
    if (db) return undefined;
    return `Its database service ${dockerNames.container(tenant.name, 'db')} is gone (removed outside the platform). Restore a backup into a new tenant, or remove this one.`;
  }

  /** Services and secrets of this platform's id whose tenant the registry does not know (another platform's are not orphans). */
  async orphans(known: ReadonlySet<string>): Promise<Orphan[]> {
    const filters = { label: [LABELS.tenant, `${LABELS.platform}=${this.options.platformId}`] };
    const [services, secrets] = await Promise.all([this.options.engine.listServices(filters), this.options.engine.listSecrets(filters)]);
    const byTenant = new Map<string, string[]>();
    for (const object of [...services, ...secrets]) {
      const tenant = object.labels[LABELS.tenant];
      if (tenant === undefined || known.has(tenant)) continue;
      byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), object.name]);
    }
    return [...byTenant].map(([tenant, names]) => ({ runtime: this.kind, tenant, location: names.sort().join(', ') }));
  }

  /** Every tenant of this platform whose broker service carries the desired-state labels; services that cannot be read are logged and skipped. */
  async discover(): Promise<TenantRecord[]> {
    const services = await this.options.engine.listServices({ label: [`${LABELS.role}=broker`, LABELS.state, `${LABELS.platform}=${this.options.platformId}`] });
    return services.flatMap((service) => {
      const tenant = tenantFromBrokerService(service);
      if ('problem' in tenant) {
        this.options.logger.warn('a swarm service of ours cannot be read as a tenant; left alone', { service: service.name, reason: tenant.problem });
        return [];
      }
      return [tenant];
    });
  }

  /** A start-first rolling update of the broker's image: a new task serves before an old one stops; a failed update rolls back. */
  async upgrade(tenant: TenantRecord, image: string): Promise<void> {
    const name = dockerNames.container(tenant.name, 'broker');
    const service = await this.options.engine.inspectService(name);
    if (!service) throw new RuntimeError(`The broker service ${name} is gone; start the tenant to recreate it, then upgrade.`);
    if (service.image === image) return; // Swarm starts no rolling update for an unchanged spec
    await this.options.engine.updateService(service, await this.brokerSpec({ ...tenant, brokerImage: image }));
    // Without tasks (a stopped tenant) Swarm has nothing to roll: the next start runs the new image.
    if (service.replicas === 0) return;
    const timeoutMs = this.options.readinessTimeoutMs ?? 120_000;
    const update = await waitFor(
      async () => {
        // The status of this update, not of an earlier one still shown until this one starts.
        const state = (await this.options.engine.inspectService(name))?.update;
        const ours = state && state.startedAt !== service.update?.startedAt;
        return ours && ['completed', 'rollback_completed', 'paused', 'rollback_paused'].includes(state.state) ? state : undefined;
      },
      { timeoutMs, describeFailure: (problem) => `The upgrade of ${name} to ${image} did not finish within ${timeoutMs / 1000} s (last: ${problem}).` },
    );
    if (update.state !== 'completed') throw new RuntimeError(`The upgrade of ${name} to ${image} did not succeed (${update.state}: ${update.message}); the broker runs its previous image.`);
  }

  async moveTarget(tenant: TenantRecord, node: string): Promise<string> {
    const [nodes, current] = await Promise.all([this.options.engine.listNodes(), this.databaseNode(tenant.name)]);
    return moveTarget(nodes, node, current ?? tenant.node ?? '', this.options.constraints).id;
  }

  /** Issue 12, item 5: the database to node `nodeId` through a backup and a restore (database-move.ts); the broker keeps running. */
  async move(tenant: TenantRecord, nodeId: string, copy: DataCopy): Promise<RuntimeFacts> {
    const names = new Map((await this.options.engine.listNodes()).map((node) => [node.id, node.hostname]));
    const broker = dockerNames.container(tenant.name, 'broker');
    await moveDatabase({
      engine: this.options.engine,
      tenant: tenant.name,
      from: (await this.databaseNode(tenant.name)) ?? tenant.node ?? '',
      to: nodeId,
      databaseSpec: async (node) => databaseServiceSpec({ ...tenant, node }, this.settings(tenant.name), await this.passwordSecret(tenant)),
      copy,
      // The broker reaches its database by service name: once a query answers, it serves from the new one.
      brokerServes: async () => {
        if (tenant.state !== 'running') return;
        await waitFor(() => dependenciesAnswer({ host: broker, port: BROKER_PORT, headers: brokerAuthHeaders(tenant) }), {
          timeoutMs: 60_000,
          describeFailure: (problem) => `the broker ${broker} did not reach its database within 60 s (last: ${problem})`,
        });
      },
      removeVolume: (node) => this.removeVolume(tenant.name, node),
      nodeName: (node) => names.get(node) ?? node,
      timeoutMs: this.options.readinessTimeoutMs ?? 120_000,
      logger: this.options.logger,
    });
    return { node: nodeId };
  }

  async logs(name: string, options: LogOptions): Promise<NodeJS.ReadableStream> {
    return this.options.engine.serviceLogs(dockerNames.container(name, options.role), options);
  }

  /**
   * The tenant's database, reached by service name on its overlay through a relay the engine opens
   * for the operation (issue 12, item 5; network-attachment.ts), so on any node: our broker's row by
   * row, the official image's with `pg_dump`/`psql` run by the platform itself (sql-dump-database.ts).
   */
  async database(tenant: TenantRecord): Promise<TenantDatabase> {
    const missing = await this.inspect(tenant);
    if (missing) throw new ConflictError(missing);
    const image = tenant.brokerImage ?? this.options.images.broker;
    const labels = await this.options.engine.imageLabels(image);
    // An image that is not on the manager cannot be told apart: our flavour label is the only sign.
    if (!labels) throw new ConflictError(`Tenant "${tenant.name}" runs ${image}, which is not on the manager, so whether it is our broker or the official one is unknown; backups need to know.`);
    if (!tenant.databasePassword) {
      throw new ConflictError(
        `No database password is recorded for tenant "${tenant.name}": the registry was rebuilt from the engine, and Swarm never gives back the secret ${dockerNames.passwordSecret(tenant.name)} that holds it. ` +
          "Backups of this tenant need the platform's registry.json from before (the tenant keeps serving meanwhile).",
      );
    }
    const self = this.options.selfContainer;
    if (!self) throw new ConflictError('Backups of swarm tenants need the platform to run as a swarm task with PACTSAFS_SELF_CONTAINER={{.Task.Name}} (it reaches the tenant\'s database through a relay on its node).');
    const network = dockerNames.network(tenant.name);
    const db = dockerNames.container(tenant.name, 'db');
    const tunnel = await this.options.engine.tunnel(network, { host: db, port: 5432 }, self);
    const server = { host: tunnel.host, port: tunnel.port, user: DATABASE_USER, password: tenant.databasePassword };
    const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${DATABASE_NAME}`;
    // A node that has just joined an overlay learns its service names by gossip: the name may not resolve for the first moments.
    await waitFor(() => databaseAnswers(url), {
      timeoutMs: 30_000,
      describeFailure: (problem) => `The database service ${db} did not answer the platform on ${network} within 30 s (last: ${problem}).`,
    }).catch(async (error: unknown) => {
      await tunnel.close();
      throw new RuntimeError((error as Error).message);
    });
    if (labels[LABELS.brokerFlavour] === 'pactsafs') return pactsafsTenantDatabase(url, () => tunnel.close());
    const processes = await postgresClientProcess(server);
    return sqlDumpDatabase({
      client: processes.client,
      stopBroker: () => this.stop(tenant.name),
      // A stopped tenant stays stopped: its broker was not running before the restore either.
      startBroker: () => (tenant.state === 'stopped' ? Promise.resolve() : this.start(tenant)),
      release: async () => {
        await processes.close();
        await tunnel.close();
      },
    });
  }

  async dataSize(): Promise<number | null> {
    return null;
  }

  watch(desired: DesiredState): void {
    this.reconciler.start(desired);
  }

  /** Platform shutdown: the services keep running (a restart adopts them); only our bookkeeping stops. */
  async close(): Promise<void> {
    this.reconciler.stop();
    this.serving.clear();
  }

  private settings(name: string): SwarmServiceSettings {
    const { platformVersion, platformId, images, constraints, logLevel } = this.options;
    return { platformVersion, platformId, images, constraints, logLevel, baseUrls: this.options.baseUrlsFor(name) };
  }

  private async createBroker(tenant: TenantRecord): Promise<void> {
    await this.options.engine.createService(await this.brokerSpec(tenant));
  }

  /** The broker service's spec; the password from the tenant's secret when its image reads `_FILE` variables (ours, by its flavour label), not the official image. */
  private async brokerSpec(tenant: TenantRecord): Promise<Dockerode.ServiceSpec> {
    const labels = await this.options.engine.imageLabels(tenant.brokerImage ?? this.options.images.broker);
    const secret = labels?.[LABELS.brokerFlavour] === 'pactsafs' ? await this.passwordSecret(tenant) : undefined;
    return brokerServiceSpec(tenant, this.settings(tenant.name), secret);
  }

  /** The tenant's password secret (issue 12), made on first use and re-used after (start, upgrade, adoption); Swarm never gives its value back. */
  private passwordSecret(tenant: TenantRecord): Promise<PasswordSecret> {
    const name = dockerNames.passwordSecret(tenant.name);
    const labels = { [LABELS.tenant]: tenant.name, [LABELS.role]: 'db-password', [LABELS.version]: this.options.platformVersion, [LABELS.platform]: this.options.platformId };
    return this.options.engine.ensureSecret(name, labels, () => {
      if (!tenant.databasePassword) throw new RuntimeError(`The secret ${name} of tenant "${tenant.name}" is gone, and no database password is recorded to make it again.`);
      return tenant.databasePassword;
    });
  }

  /** The reconciler's and stop's change: replicas and the state label only, on the service as it is. */
  private async scaleBroker(name: string, replicas: number, state: LabelledState): Promise<void> {
    const service = await this.options.engine.inspectService(dockerNames.container(name, 'broker'));
    if (!service) return;
    const spec: Dockerode.ServiceSpec = { ...service.spec, Mode: { Replicated: { Replicas: replicas } }, Labels: { ...service.labels, [LABELS.state]: state } };
    await this.options.engine.updateService(service, spec);
  }

  private brokerDiffers(service: EngineService, wanted: Dockerode.ServiceSpec): boolean {
    const wantedEnv = wanted.TaskTemplate && 'ContainerSpec' in wanted.TaskTemplate ? wanted.TaskTemplate.ContainerSpec?.Env : [];
    return (
      envDiffers(service.env, wantedEnv) ||
      service.replicas !== wanted.Mode?.Replicated?.Replicas ||
      service.labels[LABELS.state] !== wanted.Labels?.[LABELS.state] ||
      service.labels[LABELS.settings] !== wanted.Labels?.[LABELS.settings]
    );
  }

  /** The node with the fewest tenant databases among the eligible ones. */
  private async placeDatabase(): Promise<string> {
    const [nodes, brokers] = await Promise.all([this.options.engine.listNodes(), this.options.engine.listServices({ label: [LABELS.node] })]);
    const tenantsOn = new Map<string, number>();
    for (const service of brokers) {
      const node = service.labels[LABELS.node] ?? '';
      tenantsOn.set(node, (tenantsOn.get(node) ?? 0) + 1);
    }
    const node = chooseNode(nodes, this.options.constraints, tenantsOn);
    if (!node) {
      const constraints = this.options.constraints.length > 0 ? ` and matches PACTSAFS_SWARM_CONSTRAINTS (${this.options.constraints.join(', ')})` : '';
      throw new RuntimeError(`No swarm node is ready, active${constraints}: there is nowhere to put the tenant's database.`);
    }
    return node.id;
  }

  /** The node a tenant's database is pinned to, read from its services (the registry may not know it). */
  private async databaseNode(name: string): Promise<string | undefined> {
    const broker = await this.options.engine.inspectService(dockerNames.container(name, 'broker'));
    const fromLabel = broker?.labels[LABELS.node];
    if (fromLabel) return fromLabel;
    const db = await this.options.engine.inspectService(dockerNames.container(name, 'db'));
    const placement = db?.spec.TaskTemplate?.Placement?.Constraints ?? [];
    return placement.find((constraint) => constraint.startsWith('node.id=='))?.slice('node.id=='.length);
  }

  /** Waits until the broker answers its heartbeat by service name (from inside the swarm); a failure quotes its tasks and log. */
  private async waitUntilServing(tenant: TenantRecord): Promise<void> {
    const timeoutMs = this.options.readinessTimeoutMs ?? 120_000;
    const host = dockerNames.container(tenant.name, 'broker');
    await waitFor(() => heartbeatAnswers({ host, port: BROKER_PORT, headers: brokerAuthHeaders(tenant) }), {
      timeoutMs,
      describeFailure: async (problem) =>
        `The broker service ${host} did not answer its heartbeat on ${host}:${BROKER_PORT} within ${timeoutMs / 1000} s (last: ${problem}). ` +
        `The platform must run in the swarm on ${dockerNames.gatewayNetwork} to reach it. ${await this.taskReport(tenant.name)}`,
    });
    this.serving.add(tenant.name);
  }

  /** What the tenant's tasks say (a task rejected for a missing image, say), for error messages. */
  private async taskReport(name: string): Promise<string> {
    try {
      const tasks = await this.options.engine.listTasks({ service: ROLES.map((role) => dockerNames.container(name, role)) });
      const lines = tasks.slice(0, 6).map((task) => `${task.serviceName} on ${task.nodeId || 'no node'}: ${task.state}${task.message ? ` (${task.message})` : ''}`);
      return `Its tasks: ${lines.join('; ') || 'none'}.`;
    } catch (error) {
      return `(tasks unavailable: ${(error as Error).message})`;
    }
  }
}
