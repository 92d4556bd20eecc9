import type { Logger } from '../../shared/logger.js';
import type { TenantRecord } from './registry.js';

/** What the idle timer needs of the tenant service. */
export interface SleepingTenants {
  list(): TenantRecord[];
  /** Puts the tenant to sleep unless `stillIdle()` says no at the last moment; answers whether it did. */
  sleep(name: string, stillIdle: () => boolean): Promise<boolean>;
}

export interface IdleSleeperOptions {
  tenants: SleepingTenants;
  /** `PACTSAFS_IDLE_AFTER` in milliseconds; 0: tenants without a setting of their own never sleep. */
  defaultIdleAfterMs: number;
  logger: Logger;
  /** How often idle tenants are looked for; default 1 s (a round over 1,000 tenants is a loop over a map). */
  checkEveryMs?: number;
  now?: () => number;
}

/**
 * Issue 13, scale to zero: puts each running tenant with no request through a gateway for its
 * idle time (`idleAfter`, else `PACTSAFS_IDLE_AFTER`) to sleep. Its clock starts when it is first
 * seen running (after a start, a wake, or the platform's own start) and at each request's start
 * and end; a tenant with a request in flight never sleeps.
 */
export class IdleSleeper {
  private readonly lastActivity = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(private readonly options: IdleSleeperOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A request for `tenant` started; the answer is called when it is over. */
  requestStarted(tenant: string): () => void {
    this.lastActivity.set(tenant, this.now());
    this.inFlight.set(tenant, (this.inFlight.get(tenant) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.lastActivity.set(tenant, this.now());
      const left = (this.inFlight.get(tenant) ?? 1) - 1;
      if (left > 0) this.inFlight.set(tenant, left);
      else this.inFlight.delete(tenant);
    };
  }

  /**
   * Requests for these tenants through other gateways (gateway-only processes, which report them
   * through the engine relay about every second while they come): their clocks start again now.
   */
  noteActivity(tenants: readonly string[]): void {
    const now = this.now();
    for (const tenant of tenants) this.lastActivity.set(tenant, now);
  }

  /** Starts looking for idle tenants; `stop()` ends it. */
  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.checkEveryMs ?? 1000);
    this.timer.unref();
  }

  /** Stops looking and waits for a round under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** One round: every idle tenant is put to sleep (a round still under way is not overlapped). */
  check(): Promise<void> {
    this.round ??= this.sleepIdleTenants().finally(() => (this.round = undefined));
    return this.round;
  }

  private async sleepIdleTenants(): Promise<void> {
    const due = this.options.tenants.list().filter((tenant) => this.isDue(tenant));
    await Promise.all(due.map((tenant) => this.putToSleep(tenant)));
  }

  private isDue(tenant: TenantRecord): boolean {
    if (tenant.state !== 'running') {
      // Its clock starts again when it runs again.
      this.lastActivity.delete(tenant.name);
      return false;
    }
    const last = this.lastActivity.get(tenant.name);
    if (last === undefined) {
      this.lastActivity.set(tenant.name, this.now());
      return false;
    }
    return this.idleFor(tenant, last);
  }

  private idleFor(tenant: TenantRecord, since: number): boolean {
    const idleAfterMs = tenant.idleAfterMs ?? this.options.defaultIdleAfterMs;
    return idleAfterMs > 0 && !this.inFlight.has(tenant.name) && this.now() - since >= idleAfterMs;
  }

  private async putToSleep(tenant: TenantRecord): Promise<void> {
    const { name } = tenant;
    try {
      const stillIdle = () => this.idleFor(tenant, this.lastActivity.get(name) ?? this.now());
      if (await this.options.tenants.sleep(name, stillIdle)) this.lastActivity.delete(name);
    } catch (error) {
      this.options.logger.warn('an idle tenant could not be put to sleep; tried again later', { tenant: name, error });
    }
  }
}
