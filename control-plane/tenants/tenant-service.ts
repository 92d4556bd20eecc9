import type { RuntimeKind } from '../../shared/config.js';
import { BadRequestError, ConflictError, NotFoundError, PlatformError, RuntimeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { TenantRoute } from '../../shared/routing.js';
import { tenantNameProblem } from '../../shared/tenant-name.js';
import type { DataCopy, LogOptions, Orphan, RuntimeFacts, TenantDatabase, TenantRuntime } from '../runtimes/runtime.js';
import type { Registry, TenantRecord } from './registry.js';
import { STATE_AFTER, transitionProblem, type TenantOperation } from './tenant-states.js';
import { requiredAuth } from '../tokens/required-auth.js';
import { parseBasicAuth } from './tenant-auth.js';
import { parseWebhookSettings } from './webhook-settings.js';
import { parseMaxBodyBytes } from './body-limit-setting.js';
import { parseBrokerImage, parseBrokerReplicas } from './swarm-settings.js';
import { parseIdleAfter } from './idle-setting.js';

export interface TenantServiceOptions {
  registry: Registry;
  runtimes: ReadonlyMap<RuntimeKind, TenantRuntime>;
  defaultRuntime: RuntimeKind;
  /** Resolves once the tenant's heartbeat answers through the gateway; rejects with the reason otherwise. */
  waitUntilServing: (name: string) => Promise<void>;
  logger: Logger;
  now?: () => Date;
}

/** What `POST /api/tenants` may carry; every field is checked here. */
export interface CreateTenantRequest {
  name?: unknown;
  runtime?: unknown;
  webhookHostWhitelist?: unknown;
  webhookSchemeWhitelist?: unknown;
  basicAuth?: unknown;
  /** Issue 11: the broker's request body limit in bytes. */
  maxBodyBytes?: unknown;
  /** Issue 11: a tenant without basicAuth that still refuses requests without a token. */
  requireAuth?: unknown;
  /** Issue 12: how many broker tasks serve a swarm tenant. */
  brokerReplicas?: unknown;
  /** Issue 13: how long without a request before it sleeps (`"15m"`, `"off"`); none: the platform's. */
  idleAfter?: unknown;
}

/** How long a wake waits for an operation under way on the tenant (its falling asleep, a backup) to end. */
const WAKE_WAIT_MS = 60_000;

const LOCK_POLL_MS = 50;
/** How long an operation waits for one under way instead of answering 409 (only for these). */
const LOCK_WAITS_MS: Partial<Record<TenantOperation, number>> = { backup: 5000, sleep: 60_000 };

/** Tenant lifecycle: one operation per tenant at a time, different tenants concurrently. */
export class TenantService {
  private readonly busy = new Map<string, TenantOperation>();
  /** Issue 13: the wake under way per tenant, shared by every request that arrives during it. */
  private readonly waking = new Map<string, Promise<void>>();
  /** Issue 12: tenants whose data are moving between nodes (their gateway answers 503). */
  private readonly moving = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly options: TenantServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  list(): TenantRecord[] {
    return this.options.registry.all();
  }

  find(name: string): TenantRecord | undefined {
    return this.options.registry.find(name);
  }

  get(name: string): TenantRecord {
    const tenant = this.find(name);
    if (!tenant) throw new NotFoundError(`There is no tenant named "${name}".`);
    return tenant;
  }

  /** The runtimes tenants may use here, and the one they get when they name none. */
  runtimes(): { available: RuntimeKind[]; default: RuntimeKind } {
    return { available: [...this.options.runtimes.keys()], default: this.options.defaultRuntime };
  }

  /** Where the gateway sends a tenant's requests. Called on every request: no I/O. */
  routeFor(name: string): TenantRoute | undefined {
    const tenant = this.options.registry.find(name);
    if (!tenant) return undefined;
    if (tenant.state !== 'running') {
      // Issue 13: a gateway that can wake tenants holds a sleeping one's requests; another answers 503.
      return { kind: 'unavailable', state: tenant.state, retryAfterSeconds: tenant.state === 'stopped' ? 30 : tenant.state === 'sleeping' ? 1 : 5 };
    }
    // Issue 12: while its data move, its database is down or not yet restored.
    if (this.moving.has(name)) return { kind: 'unavailable', state: 'moving', retryAfterSeconds: 5 };
    // Recorded running, but its broker is not back yet (the platform is restarting it).
    return this.options.runtimes.get(tenant.runtime)?.route(name) ?? { kind: 'unavailable', state: 'starting', retryAfterSeconds: 2 };
  }

  /**
   * Creates a tenant and starts its broker. `completion` settles when it serves through the
   * gateway (or has failed); callers that do not wait get the `creating` record at once.
   */
  async create(request: CreateTenantRequest): Promise<{ tenant: TenantRecord; completion: Promise<TenantRecord> }> {
    const problem = tenantNameProblem(request.name);
    if (problem) throw new BadRequestError(problem);
    const tenantName = request.name as string;
    const kind = this.runtimeKind(request.runtime);
    const webhooks = parseWebhookSettings(request.webhookHostWhitelist, request.webhookSchemeWhitelist);
    const maxBodyBytes = parseMaxBodyBytes(request.maxBodyBytes);
    const brokerReplicas = parseBrokerReplicas(request.brokerReplicas, kind);
    const idleAfterMs = parseIdleAfter(request.idleAfter) ?? undefined;
    const userAuth = parseBasicAuth(request.basicAuth);
    const platformAuth = requiredAuth(request.requireAuth, userAuth);
    const basicAuth = userAuth ?? platformAuth;
    if (this.options.registry.find(tenantName) || this.busy.has(tenantName)) {
      throw new ConflictError(`A tenant named "${tenantName}" already exists.`);
    }
    this.busy.set(tenantName, 'create');
    const at = this.now().toISOString();
    const tenant: TenantRecord = {
      name: tenantName, state: 'creating', runtime: kind, createdAt: at, updatedAt: at, lastBackupAt: null, reason: null, webhooks,
      ...(basicAuth && { basicAuth }),
      ...(maxBodyBytes !== undefined && { maxBodyBytes }),
      ...(brokerReplicas !== undefined && { brokerReplicas }),
      ...(idleAfterMs !== undefined && { idleAfterMs }),
      ...(platformAuth && { requireAuth: true }),
    };
    try {
      const leftovers = await this.runtime(tenant).leftoverData(tenantName);
      if (leftovers) throw new ConflictError(leftovers);
      await this.options.registry.save(tenant);
    } catch (error) {
      // Refused or failed before anything was recorded: the name is free again.
      this.busy.delete(tenantName);
      throw error;
    }
    const completion = this.finishCreate(tenant).finally(() => this.busy.delete(tenantName));
    return { tenant, completion };
  }

  async start(name: string): Promise<TenantRecord> {
    return this.withLock(name, 'start', async () => {
      const tenant = this.checked(name, 'start');
      await this.bringUp(tenant, (runtime) => runtime.start(tenant));
      return tenant;
    });
  }

  async stop(name: string): Promise<TenantRecord> {
    return this.withLock(name, 'stop', async () => {
      const tenant = this.checked(name, 'stop');
      await this.runtime(tenant).stop(name);
      return this.update(tenant, { state: STATE_AFTER.stop, reason: null });
    });
  }

  /**
   * Moves a tenant's data to another node (issue 12, item 5; runtimes that can: swarm): `copy` backs
   * them up and restores them with the backup code. From the checked target on, the gateway answers 503.
   */
  async move(name: string, node: unknown, copy: (tenant: TenantRecord) => Omit<DataCopy, 'switched'>): Promise<TenantRecord> {
    if (typeof node !== 'string' || node.trim() === '') throw new BadRequestError('Say where the tenant\'s data should go: {"node": "<node id or host name>"}.');
    return this.withLock(name, 'move', async () => {
      const tenant = this.checked(name, 'move');
      const runtime = this.runtime(tenant);
      if (!runtime.move || !runtime.moveTarget) {
        throw new ConflictError(`Tenant "${name}" runs on the ${tenant.runtime} runtime, whose data live on this machine; only swarm tenants' data move between nodes.`);
      }
      const target = await runtime.moveTarget(tenant, node.trim());
      this.moving.add(name);
      try {
        const facts = await runtime.move(tenant, target, { ...copy(tenant), switched: () => this.moving.delete(name) });
        this.options.logger.info('tenant moved', { tenant: name, node: target });
        return await this.update(tenant, facts);
      } finally {
        this.moving.delete(name);
      }
    });
  }

  /** The operation under way on a tenant (a backup, a move …), for the API to show; `undefined` when none is. */
  operationOf(name: string): TenantOperation | undefined {
    return this.busy.get(name);
  }

  /** Gives the tenant's broker another image without downtime (issue 12; runtimes that can: swarm). */
  async upgrade(name: string, image: unknown): Promise<TenantRecord> {
    const brokerImage = parseBrokerImage(image);
    return this.withLock(name, 'upgrade', async () => {
      const tenant = this.checked(name, 'upgrade');
      const runtime = this.runtime(tenant);
      if (!runtime.upgrade) throw new BadRequestError(`Tenant "${name}" runs on the ${tenant.runtime} runtime, which cannot upgrade a broker in place; swarm tenants can.`);
      await runtime.upgrade(tenant, brokerImage);
      this.options.logger.info('tenant broker upgraded', { tenant: name, image: brokerImage });
      return this.update(tenant, { brokerImage });
    });
  }

  /** Changes a tenant's settings that need no restart (issue 13: `idleAfter`; null: back to the platform's). */
  async configure(name: string, changes: { idleAfter?: unknown }): Promise<TenantRecord> {
    const idleAfterMs = parseIdleAfter(changes.idleAfter);
    const tenant = this.get(name);
    if (idleAfterMs === undefined) return tenant;
    if (idleAfterMs === null) delete tenant.idleAfterMs;
    return this.update(tenant, idleAfterMs === null ? {} : { idleAfterMs });
  }

  /**
   * Puts an idle tenant to sleep (issue 13): its broker stops (embedded: the broker and its SQLite
   * database close; docker: both containers stop; swarm: 0 replicas). `stillIdle` is asked last,
   * with nothing awaited between its answer and the state change, so a request that came meanwhile
   * keeps the tenant awake; a tenant with webhook deliveries pending stays awake too. Answers
   * whether it fell asleep.
   */
  async sleep(name: string, stillIdle: () => boolean): Promise<boolean> {
    if (this.busy.has(name)) return false;
    return this.withLock(name, 'sleep', async () => {
      const tenant = this.find(name);
      if (!tenant || transitionProblem(name, tenant.state, 'sleep')) return false;
      const runtime = this.runtime(tenant);
      const undelivered = (await runtime.undeliveredWebhooks?.(tenant)) ?? 0;
      if (undelivered > 0) {
        this.options.logger.debug('idle tenant kept awake: webhook deliveries are queued or waiting for a retry', { tenant: name, undelivered });
        return false;
      }
      if (!stillIdle()) return false;
      // Recorded first: from here requests wait for a wake instead of reaching a closing broker.
      await this.update(tenant, { state: STATE_AFTER.sleep, reason: null });
      try {
        await (runtime.sleep ?? runtime.stop).call(runtime, name);
      } catch (error) {
        this.options.logger.error('tenant could not be put to sleep', { tenant: name, error });
        await this.update(tenant, { state: 'failed', reason: `Putting it to sleep failed: ${reasonOf(error)}` });
        return false;
      }
      this.options.logger.info('idle tenant is sleeping', { tenant: name });
      return true;
    });
  }

  /**
   * Wakes a sleeping tenant (issue 13) and resolves once it serves; every caller during one wake
   * shares it. A wake that fails leaves the tenant `failed` with the reason, and rejects with it.
   */
  wake(name: string): Promise<void> {
    let waking = this.waking.get(name);
    if (!waking) {
      waking = this.wakeOnce(name).finally(() => this.waking.delete(name));
      this.waking.set(name, waking);
    }
    return waking;
  }

  private async wakeOnce(name: string): Promise<void> {
    // A request may come while the tenant is falling asleep, or while a backup reads it: wait for that.
    for (let waited = 0; this.busy.has(name) && waited < WAKE_WAIT_MS; waited += LOCK_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    await this.withLock(name, 'wake', async () => {
      const tenant = this.get(name);
      if (tenant.state === 'running') return; // woken meanwhile (a start)
      const problem = transitionProblem(name, tenant.state, 'wake');
      if (problem) throw new ConflictError(problem);
      await this.bringUp(tenant, (runtime) => runtime.start(tenant));
      this.options.logger.info('sleeping tenant woken by a request', { tenant: name });
    });
  }

  async remove(name: string, options: { keepData: boolean } = { keepData: false }): Promise<void> {
    await this.withLock(name, 'remove', async () => {
      const tenant = this.checked(name, 'remove');
      await this.update(tenant, { state: 'removing' });
      await this.runtime(tenant).remove(name, options);
      await this.options.registry.delete(name);
      this.options.logger.info('tenant removed', { tenant: name, keepData: options.keepData });
    });
  }

  /**
   * Runs `work` (a backup, a restore or a clean) holding the tenant's lock, so no stop, remove or other
   * restore overlaps it; the tenant's state does not change.
   */
  async exclusive<T>(name: string, operation: 'backup' | 'restore' | 'clean', work: (tenant: TenantRecord) => Promise<T>): Promise<T> {
    return this.withLock(name, operation, async () => {
      const tenant = this.checked(name, operation);
      // Issue 13: an embedded or swarm tenant's data are reachable asleep; a docker tenant's database sleeps with it.
      if (tenant.state === 'sleeping' && this.runtime(tenant).databaseSleepsWithBroker) {
        await this.bringUp(tenant, (runtime) => runtime.start(tenant));
      }
      return work(tenant);
    });
  }

  /** The tenant's database, for backups and restores. */
  async databaseOf(tenant: TenantRecord): Promise<TenantDatabase> {
    return this.runtime(tenant).database(tenant);
  }

  /** Bytes the tenant's data take, or `null` when unknown (a stopped docker tenant, its runtime missing here, a failure to ask). */
  async dataSize(tenant: TenantRecord): Promise<number | null> {
    try {
      return await this.runtime(tenant).dataSize(tenant);
    } catch {
      return null;
    }
  }

  async recordBackup(name: string, at: Date): Promise<void> {
    const tenant = this.options.registry.find(name);
    if (tenant) await this.update(tenant, { lastBackupAt: at.toISOString() });
  }

  /** A tenant's broker (or database) log as a text stream. */
  async logs(name: string, options: LogOptions): Promise<NodeJS.ReadableStream> {
    const tenant = this.get(name);
    return this.runtime(tenant).logs(name, options);
  }

  /** Stored data that belongs to no tenant in the registry, across runtimes. */
  async orphans(): Promise<Orphan[]> {
    const known = new Set(this.list().map((tenant) => tenant.name));
    const found = await Promise.all([...this.options.runtimes.values()].map((runtime) => runtime.orphans(known)));
    return found.flat();
  }

  /**
   * After a restart (or a crash) brings every tenant back to the state it was in: running ones
   * run again, interrupted creates finish, interrupted removals complete, missing data → failed.
   */
  async restoreAll(): Promise<void> {
    await this.adoptDiscovered();
    await Promise.all(this.list().map((tenant) => this.restore(tenant)));
    for (const orphan of await this.orphans()) {
      this.options.logger.warn('found data of a tenant the registry does not know; left untouched', { ...orphan });
    }
    for (const runtime of this.options.runtimes.values()) {
      runtime.watch?.({
        shouldRun: (name) => this.options.registry.find(name)?.state === 'running' && !this.busy.has(name),
        markGone: async (name, reason) => {
          const tenant = this.options.registry.find(name);
          if (tenant?.state !== 'running' || this.busy.has(name)) return;
          this.options.logger.error('tenant failed: its runtime objects vanished', { tenant: name, reason });
          await this.update(tenant, { state: 'failed', reason });
        },
        tenants: (kind) => this.list().filter((tenant) => tenant.runtime === kind && !this.busy.has(tenant.name)),
        markRecovered: async (name) => {
          const tenant = this.options.registry.find(name);
          if (tenant?.state !== 'failed' || this.busy.has(name)) return;
          this.options.logger.info('tenant recovered: what it failed for has passed', { tenant: name, reason: tenant.reason });
          await this.update(tenant, { state: 'running', reason: null });
        },
      });
    }
  }

  /**
   * Issue 12: runtimes whose engine holds the desired state (swarm) rebuild the registry, a cache
   * of it: a tenant missing from the registry is recorded as its engine describes it, and a
   * recorded one takes the engine's running/stopped state.
   */
  private async adoptDiscovered(): Promise<void> {
    for (const runtime of this.options.runtimes.values()) {
      if (!runtime.discover) continue;
      const discovered = await runtime.discover().catch((error: unknown) => {
        // The recorded tenants are still brought back (and fail with the engine's reason if it stays away).
        this.options.logger.error('cannot read tenants from the engine; the registry is used as it is', { runtime: runtime.kind, error });
        return [];
      });
      for (const found of discovered) {
        const known = this.options.registry.find(found.name);
        if (known && known.runtime !== runtime.kind) {
          this.options.logger.warn('a tenant of this name is recorded with another runtime; the engine\'s one is left alone', { tenant: found.name, runtime: runtime.kind });
        } else if (!known) {
          this.options.logger.warn('tenant missing from the registry; rebuilt from its engine', { tenant: found.name, runtime: runtime.kind, state: found.state });
          await this.options.registry.save(found);
        } else if ((known.state === 'running' || known.state === 'stopped' || known.state === 'sleeping') && known.state !== found.state) {
          this.options.logger.warn('the registry disagreed with the engine on a tenant\'s state; the engine wins', { tenant: found.name, recorded: known.state, engine: found.state });
          await this.update(known, { state: found.state });
        }
      }
    }
  }

  private async restore(tenant: TenantRecord): Promise<void> {
    try {
      const runtime = this.runtime(tenant);
      if (tenant.state === 'removing') return await this.remove(tenant.name);
      if (tenant.state === 'creating') {
        // Never served a request: start the interrupted create over.
        await runtime.remove(tenant.name, { keepData: false });
        await this.withLock(tenant.name, 'create', () => this.bringUp(tenant, () => runtime.create(tenant)));
        return;
      }
      const problem = await runtime.inspect(tenant);
      if (problem) {
        this.options.logger.error('tenant cannot be brought back', { tenant: tenant.name, reason: problem });
        await this.update(tenant, { state: 'failed', reason: problem });
      } else if (tenant.state === 'running') {
        await this.withLock(tenant.name, 'start', () => this.bringUp(tenant, () => runtime.start(tenant)));
      }
    } catch (error) {
      // bringUp records its own failures; the rest (its runtime is unavailable, inspecting or removing
      // failed) is recorded here, so the tenant is reported and the other tenants go on.
      const current = this.options.registry.find(tenant.name);
      if (!current || current.state === 'failed') return;
      this.options.logger.error('tenant could not be brought back', { tenant: tenant.name, error });
      await this.update(current, { state: 'failed', reason: reasonOf(error) });
    }
  }

  private async finishCreate(tenant: TenantRecord): Promise<TenantRecord> {
    await this.bringUp(tenant, (runtime) => runtime.create(tenant));
    this.options.logger.info('tenant created', { tenant: tenant.name, runtime: tenant.runtime });
    return tenant;
  }

  /** Starts a tenant's broker, routes to it, and waits until it serves through the gateway; failure → `failed`. */
  private async bringUp(tenant: TenantRecord, launch: (runtime: TenantRuntime) => Promise<RuntimeFacts | void>): Promise<void> {
    try {
      const facts = await launch(this.runtime(tenant));
      await this.update(tenant, { ...facts, state: STATE_AFTER.start, reason: null });
      await this.options.waitUntilServing(tenant.name);
    } catch (error) {
      this.options.logger.error('tenant could not be started', { tenant: tenant.name, error });
      await this.update(tenant, { state: 'failed', reason: reasonOf(error) });
      throw error instanceof PlatformError ? error : new RuntimeError(reasonOf(error), { cause: error });
    }
  }

  private checked(name: string, operation: Exclude<TenantOperation, 'create'>): TenantRecord {
    const tenant = this.get(name);
    const problem = transitionProblem(name, tenant.state, operation);
    if (problem) throw new ConflictError(problem);
    return tenant;
  }

  private async withLock<T>(name: string, operation: TenantOperation, work: () => Promise<T>): Promise<T> {
    // A backup holds the lock until its stream has been read to the end, a moment after the client
    // has its last byte: `backup && restore` in a script must not meet a 409 for that moment. Nor
    // must a call meet one because the tenant is falling asleep, which nobody asked for (issue 13).
    for (let waited = 0; waited < (LOCK_WAITS_MS[this.busy.get(name) ?? 'create'] ?? 0); waited += LOCK_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    const running = this.busy.get(name);
    if (running) {
      throw new ConflictError(`Tenant "${name}" is busy: ${running} is in progress. Try again when it has finished.`);
    }
    this.busy.set(name, operation);
    try {
      return await work();
    } finally {
      this.busy.delete(name);
    }
  }

  private async update(tenant: TenantRecord, changes: Partial<TenantRecord>): Promise<TenantRecord> {
    Object.assign(tenant, changes, { updatedAt: this.now().toISOString() });
    await this.options.registry.save(tenant);
    return tenant;
  }

  private runtime(tenant: TenantRecord): TenantRuntime {
    const runtime = this.options.runtimes.get(tenant.runtime);
    if (!runtime) throw new RuntimeError(`Tenant "${tenant.name}" uses the ${tenant.runtime} runtime, which is not available.`);
    return runtime;
  }

  private runtimeKind(requested: unknown): RuntimeKind {
    if (requested === undefined) return this.options.defaultRuntime;
    const available = [...this.options.runtimes.keys()];
    if (typeof requested === 'string' && available.includes(requested as RuntimeKind)) return requested as RuntimeKind;
    throw new BadRequestError(`The runtime must be one of: ${available.join(', ')}; got ${JSON.stringify(requested)}.`);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
