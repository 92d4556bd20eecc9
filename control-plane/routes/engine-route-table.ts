import type { Logger } from '../../shared/logger.js';
import type { TenantRoute, TenantRouteLookup } from '../../shared/routing.js';
import { LABELS } from '../runtimes/docker/docker-names.js';
import type { DockerEngine } from '../runtimes/engine/docker-engine.js';
import { routesFromServices, type BrokerService, type SkippedService } from './service-routes.js';

/** The little a gateway-only process asks of the swarm engine (issue 12): broker services, service events. A DockerEngine is one. */
export interface ServiceEngine {
  listServices(filters: { label: string[] }): Promise<BrokerService[]>;
  events: DockerEngine['events'];
}

export interface EngineRouteTableOptions {
  engine: ServiceEngine;
  /** `PACTSAFS_PLATFORM_ID`: several platforms may share a swarm; a gateway routes its own platform's tenants only. */
  platformId: string;
  logger: Logger;
  /** The safety net: relist this often even when no event came (a lost event, a reconnect that missed one). */
  relistEveryMs?: number;
  /** How long to wait before connecting the event stream again after it dropped; doubled (up to 30 s) while it cannot be opened. */
  reconnectMs?: number;
  /** Events come in bursts (a service update is several): one relist for a burst. */
  settleMs?: number;
}

/** Answered for every tenant until the engine has been listed once: the gateway does not know yet. */
const MAX_RECONNECT_MS = 30_000;
const NOT_LISTED_YET: TenantRoute = Object.freeze({ kind: 'unavailable', state: 'starting', retryAfterSeconds: 2 });

/** The filter of a platform's broker services (the engine relay applies the same). */
export function brokerServicesOf(platformId: string): { label: string[] } {
  return { label: [`${LABELS.role}=broker`, `${LABELS.platform}=${platformId}`] };
}

/**
 * The route table of a gateway-only process, read from the engine (issue 12). Level-triggered, as
 * Traefik's provider: any service event, a (re)connected event stream and a periodic timer all
 * lead to the same thing, listing every broker service again and rebuilding the whole table from
 * labels (routesFromServices); events are never applied one by one. A failed list keeps the last table.
 */
export class EngineRouteTable {
  private routes: ReadonlyMap<string, TenantRoute> | undefined;
  private skippedKey = '';
  private listing: Promise<void> | undefined;
  private listAgain = false;
  private relistPending = false;
  private failedSubscribes = 0;
  private events: { close(): void } | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: EngineRouteTableOptions) {}

  /** The gateway's lookup: a tenant's route, `undefined` for a tenant the engine does not know. */
  readonly lookup: TenantRouteLookup = (tenant) => (this.routes ? this.routes.get(tenant) : NOT_LISTED_YET);

  /** Watches the engine's service events and lists; resolves after the first list, whether it worked or not (it is retried). */
  async start(): Promise<void> {
    this.stopped = false;
    const every = setInterval(() => void this.relist(), this.options.relistEveryMs ?? 30_000);
    every.unref();
    this.timers.add(every);
    await this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.events?.close();
  }

  /** Lists the broker services and replaces the table; a relist asked for while one runs runs once more after it. */
  relist(): Promise<void> {
    if (this.listing) {
      this.listAgain = true;
      return this.listing;
    }
    this.listing = (async () => {
      do {
        this.listAgain = false;
        await this.listOnce();
      } while (this.listAgain && !this.stopped);
    })().finally(() => (this.listing = undefined));
    return this.listing;
  }

  private async listOnce(): Promise<void> {
    try {
      const services = await this.options.engine.listServices(brokerServicesOf(this.options.platformId));
      if (this.stopped) return;
      const { routes, skipped } = routesFromServices(services);
      this.logSkipped(skipped);
      this.routes = routes;
    } catch (error) {
      this.options.logger.warn('cannot list broker services; keeping the last route table', { error, tenants: this.routes?.size ?? 0 });
    }
  }

  /** Logs the skipped services when that set changes, not at every relist. */
  private logSkipped(skipped: SkippedService[]): void {
    const key = JSON.stringify(skipped);
    if (key === this.skippedKey) return;
    this.skippedKey = key;
    for (const { service, reason } of skipped) this.options.logger.warn('broker service skipped: its labels make no route', { service, reason });
  }

  /** Opens the event stream, then lists: whatever happened while it was closed is seen. */
  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    try {
      this.events = await this.options.engine.events({ type: ['service'] }, () => this.relistSoon(), (error) => this.dropped(error));
      this.failedSubscribes = 0;
      if (this.stopped) this.events.close();
    } catch (error) {
      // An engine (or relay) that is down for long is asked less and less often, not every second.
      const retryMs = Math.min((this.options.reconnectMs ?? 1000) * 2 ** this.failedSubscribes, MAX_RECONNECT_MS);
      this.failedSubscribes += 1;
      this.options.logger.warn("cannot watch the engine's service events; retrying", { error, retryMs });
      this.later(() => void this.subscribe(), retryMs);
    }
    await this.relist();
  }

  private dropped(error?: Error): void {
    if (this.stopped) return;
    this.options.logger.warn("the engine's event stream dropped; reconnecting", { error });
    this.later(() => void this.subscribe(), this.options.reconnectMs ?? 1000);
  }

  private relistSoon(): void {
    if (this.relistPending) return;
    this.relistPending = true;
    this.later(() => {
      this.relistPending = false;
      void this.relist();
    }, this.options.settleMs ?? 100);
  }

  private later(action: () => void, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}
