import type { Logger } from '../../../shared/logger.js';
import type { ContainerEngine, EngineContainer, EngineEvent } from '../engine/docker-engine.js';
import type { DesiredState } from '../runtime.js';
import { dockerNames, LABELS } from './docker-names.js';

const MAX_BACKOFF_MS = 30_000;
/** A restart that has kept its containers up this long resets the tenant's backoff. */
const STABLE_AFTER_MS = 60_000;

/**
 * Keeps tenants that should run running. Level-triggered: any container event of ours (or a
 * reconnect) leads to listing everything again and comparing with what is wanted. `docker kill`
 * counts as a manual stop for the engine's restart policy, so the platform restarts it itself.
 */
export class DockerWatcher {
  private readonly tracked = new Set<string>();
  private readonly backoff = new Map<string, { attempts: number; lastRestart: number }>();
  private desired: DesiredState | undefined;
  private events: { close(): void } | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly engine: ContainerEngine,
    private readonly logger: Logger,
    private readonly remedies: {
      /** Starts a tenant's stopped containers again. */
      restart: (name: string) => Promise<void>;
      /** Issue 12: each relist tells the broker container as listed (undefined: not running), so routes follow its address, which changes on a restart. */
      brokerSeen: (name: string, broker: EngineContainer | undefined) => void;
    },
  ) {}

  track(name: string): void {
    this.tracked.add(name);
  }

  untrack(name: string): void {
    this.tracked.delete(name);
    this.backoff.delete(name);
  }

  start(desired: DesiredState): void {
    this.desired = desired;
    this.stopped = false;
    void this.subscribe(1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.resyncTimer);
    this.events?.close();
  }

  private async subscribe(retryMs: number): Promise<void> {
    if (this.stopped) return;
    try {
      const filters = { type: ['container'], label: [LABELS.tenant], event: ['die', 'destroy', 'stop', 'start'] };
      this.events = await this.engine.events(
        filters,
        (event) => {
          this.forgetStoppedBroker(event);
          this.scheduleResync(200);
        },
        // A dropped event stream: reconnect, then resync in case something happened meanwhile.
        () => !this.stopped && setTimeout(() => void this.subscribe(1000), retryMs).unref(),
      );
      if (this.stopped) this.events.close();
      this.scheduleResync(0);
    } catch (error) {
      this.logger.warn('cannot watch Docker events; retrying', { error, retryMs });
      setTimeout(() => void this.subscribe(Math.min(retryMs * 2, MAX_BACKOFF_MS)), retryMs).unref();
    }
  }

  /**
   * Issue 12: a stopped broker's address is given back to the engine at once and may go to another
   * container; its route must not outlive it until the next relist. So a broker's stop, die or destroy
   * event ends its route right away.
   */
  private forgetStoppedBroker(event: EngineEvent): void {
    const name = event.attributes[LABELS.tenant];
    if (event.action === 'start' || event.attributes[LABELS.role] !== 'broker') return;
    if (name !== undefined && this.tracked.has(name)) this.remedies.brokerSeen(name, undefined);
  }

  private scheduleResync(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => {
      this.resync().catch((error: unknown) => {
        // markGone could not record the tenant (the registry write failed): look again soon.
        this.logger.error('resyncing tenant containers failed; will try again', { error });
        this.scheduleResync(2000);
      });
    }, delayMs);
    this.resyncTimer.unref();
  }

  private async resync(): Promise<void> {
    const desired = this.desired;
    if (!desired || this.stopped) return;
    let containers: EngineContainer[];
    try {
      containers = await this.engine.listContainers({ label: [LABELS.tenant] });
    } catch (error) {
      this.logger.warn('cannot list containers; will try again', { error });
      return this.scheduleResync(2000);
    }
    const byName = new Map(containers.map((container) => [container.name, container]));
    for (const name of this.tracked) {
      if (!desired.shouldRun(name)) continue;
      const broker = byName.get(dockerNames.container(name, 'broker'));
      this.remedies.brokerSeen(name, broker?.state === 'running' ? broker : undefined);
      const states = (['db', 'broker'] as const).map((role) => byName.get(dockerNames.container(name, role))?.state);
      if (states.includes(undefined)) {
        this.untrack(name);
        await desired.markGone(name, `Its containers were removed outside the platform (${dockerNames.container(name, 'broker')}, ${dockerNames.container(name, 'db')}).`);
      } else if (states.some((state) => state !== 'running' && state !== 'restarting')) {
        await this.restartWithBackoff(name);
      } else if (Date.now() - (this.backoff.get(name)?.lastRestart ?? 0) > STABLE_AFTER_MS) {
        this.backoff.delete(name);
      }
    }
  }

  private async restartWithBackoff(name: string): Promise<void> {
    const previous = this.backoff.get(name) ?? { attempts: 0, lastRestart: 0 };
    const wait = previous.attempts === 0 ? 0 : Math.min(1000 * 2 ** (previous.attempts - 1), MAX_BACKOFF_MS);
    const due = previous.lastRestart + wait;
    if (Date.now() < due) return this.scheduleResync(due - Date.now());
    this.backoff.set(name, { attempts: previous.attempts + 1, lastRestart: Date.now() });
    this.logger.warn('tenant containers stopped while the tenant should run; starting them again', { tenant: name, attempt: previous.attempts + 1 });
    try {
      await this.remedies.restart(name);
    } catch (error) {
      this.logger.error('restarting tenant containers failed', { tenant: name, error });
      this.scheduleResync(1000);
    }
  }
}
