import type { Logger } from '../../../shared/logger.js';
import type { TenantRecord } from '../../tenants/registry.js';
import { LABELS } from '../docker/docker-names.js';
import type { LabelledState } from './tenant-labels.js';
import type { DesiredState } from '../runtime.js';
import type { DockerEngine } from '../engine/docker-engine.js';
import { planRepairs, type DesiredTenant, type ObservedSwarm, type Repair } from './plan-repairs.js';
import { desiredReplicas } from './service-specs.js';

/** What the reconciler does to the engine; the runtime knows how (it builds the specs). */
export interface SwarmRepairs {
  recreateBroker(tenant: TenantRecord): Promise<void>;
  scaleBroker(name: string, replicas: number, state: LabelledState): Promise<void>;
}

/** Task changes on other nodes raise no event on a manager (dockerd 20.10): a relist this often catches them. */
const RESYNC_EVERY_MS = 5000;
const EVENT_DEBOUNCE_MS = 200;
const RECONNECT_MS = 1000;

/**
 * Keeps swarm tenants as the platform wants them (issue 12), Traefik-style: any engine event (or
 * a timer) → list services, tasks and nodes again → `planRepairs` → act. A dropped event stream
 * is reconnected and followed by a full pass.
 */
export class SwarmReconciler {
  private readonly repairs = new Map<string, { attempts: number; lastAt: number }>();
  private desired: DesiredState | undefined;
  private events: { close(): void } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly engine: DockerEngine,
    private readonly act: SwarmRepairs,
    /** `pactsafs.platform=<id>`: only this platform's services are observed (another platform's tenants are not ours to repair). */
    private readonly platformLabel: string,
    private readonly logger: Logger,
  ) {}

  start(desired: DesiredState): void {
    this.desired = desired;
    this.stopped = false;
    void this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.events?.close();
  }

  /** One pass now (also what every event leads to). */
  async reconcile(): Promise<void> {
    const desired = this.desired;
    if (!desired || this.stopped) return;
    const tenants = desired.tenants('swarm');
    const observed = await this.observe();
    const now = Date.now();
    const repairs = planRepairs(tenants.map(desiredTenant), observed, now);
    const planned = new Set(repairs.map((repair) => repair.tenant));
    for (const name of this.repairs.keys()) if (!planned.has(name)) this.repairs.delete(name);
    let nextPassMs = RESYNC_EVERY_MS;
    for (const repair of repairs) {
      if (repair.kind === 'retry-later') nextPassMs = Math.min(nextPassMs, repair.afterMs);
      else await this.carryOut(repair, desired, tenants);
    }
    this.schedule(nextPassMs);
  }

  private async observe(): Promise<ObservedSwarm> {
    const [services, tasks, nodes] = await Promise.all([
      this.engine.listServices({ label: [LABELS.tenant, this.platformLabel] }),
      this.engine.listTasks({ 'desired-state': ['running'] }),
      this.engine.listNodes(),
    ]);
    return {
      services: new Map(services.map((service) => [service.name, { replicas: service.replicas, labels: service.labels }])),
      tasks,
      nodes: new Map(nodes.map((node) => [node.id, node])),
      repairs: this.repairs,
    };
  }

  private async carryOut(repair: Exclude<Repair, { kind: 'retry-later' }>, desired: DesiredState, tenants: TenantRecord[]): Promise<void> {
    const tenant = tenants.find((candidate) => candidate.name === repair.tenant);
    if (!tenant) return;
    this.logger.warn('repairing a swarm tenant', { ...repair });
    if (repair.kind === 'fail') return desired.markGone(tenant.name, repair.reason);
    if (repair.kind === 'recover') return desired.markRecovered(tenant.name);
    const previous = this.repairs.get(tenant.name);
    this.repairs.set(tenant.name, { attempts: (previous?.attempts ?? 0) + 1, lastAt: Date.now() });
    try {
      if (repair.kind === 'recreate-broker') await this.act.recreateBroker(tenant);
      else await this.act.scaleBroker(tenant.name, repair.replicas, repair.state);
    } catch (error) {
      this.logger.error('repairing a swarm tenant failed; will try again', { tenant: tenant.name, error });
    }
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    try {
      this.events = await this.engine.events(
        { type: ['service', 'node', 'container'] },
        () => this.schedule(EVENT_DEBOUNCE_MS),
        () => {
          if (!this.stopped) setTimeout(() => void this.subscribe(), RECONNECT_MS).unref();
        },
      );
    } catch (error) {
      this.logger.warn('cannot watch swarm events; retrying', { error });
      setTimeout(() => void this.subscribe(), RECONNECT_MS).unref();
    }
    this.schedule(0);
  }

  /** One pass at a time; events during a pass lead to one more afterwards. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return void this.running.then(() => this.schedule(0));
      this.running = this.reconcile()
        .catch((error: unknown) => {
          this.logger.warn('listing the swarm failed; will look again', { error });
          this.schedule(RESYNC_EVERY_MS);
        })
        .finally(() => (this.running = undefined));
    }, delayMs);
    this.timer.unref();
  }
}

function desiredTenant(tenant: TenantRecord): DesiredTenant {
  return { name: tenant.name, state: tenant.state, replicas: desiredReplicas({ state: 'running', brokerReplicas: tenant.brokerReplicas }), node: tenant.node ?? '', reason: tenant.reason };
}
