/** How often a gateway-only process reports the tenants it served (and those with requests still in flight). */
const REPORT_EVERY_MS = 1000;
/** A wake waits for the tenant's broker to serve: a swarm task is scheduled, started and health-checked first. */
const WAKE_TIMEOUT_MS = 120_000;
const REPORT_TIMEOUT_MS = 5000;
/** First requests of many tenants at once (a gateway starting) share a report: at most one such report per this. */
const FIRST_REQUEST_REPORT_DELAY_MS = 50;

export interface RelayTenantWakerOptions {
  /** The control plane's engine relay, e.g. `http://pactsafs-control:2375` (from PACTSAFS_SWARM_HOST). */
  relay: URL;
  /** Lists the engine's broker services again, so the woken tenant's route is there for the held request. */
  relist: () => Promise<void>;
  warn: (message: string, fields: Record<string, unknown>) => void;
  reportEveryMs?: number;
}

/**
 * Team issue 13 on a gateway-only process (issue 12's `--role gateway`): sleeping tenants are woken,
 * and requests count as activity, through the control plane's engine relay. Without it, a gateway
 * replica answered 503 for a sleeping tenant, and tenants whose traffic came only through replicas
 * fell asleep while busy: the control plane's idle clock hears only of its own gateway's requests.
 *
 * A tenant's first request after a quiet second is reported within 50 ms (the control plane must not
 * put a tenant to sleep that is serving); after that, every second while requests come or are in flight.
 */
export class RelayTenantWaker {
  private readonly waking = new Map<string, Promise<void>>();
  private readonly inFlight = new Map<string, number>();
  /** Tenants with a request since the last report. */
  private readonly seen = new Set<string>();
  /** Tenants the last report named: a request for another is reported at once. */
  private reported = new Set<string>();
  private reportQueued = false;
  private failingSince: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: RelayTenantWakerOptions) {
    this.timer = setInterval(() => this.report(), options.reportEveryMs ?? REPORT_EVERY_MS);
    this.timer.unref();
  }

  /** Asks the control plane to wake `tenant` (one call for every request meanwhile), then relists the routes. */
  wake(tenant: string): Promise<void> {
    let waking = this.waking.get(tenant);
    if (!waking) {
      waking = this.post(`/tenants/${tenant}/wake`, undefined, WAKE_TIMEOUT_MS)
        .then(() => this.options.relist())
        .finally(() => this.waking.delete(tenant));
      this.waking.set(tenant, waking);
    }
    return waking;
  }

  requestStarted(tenant: string): () => void {
    this.seen.add(tenant);
    this.inFlight.set(tenant, (this.inFlight.get(tenant) ?? 0) + 1);
    if (!this.reported.has(tenant) && !this.reportQueued) {
      this.reportQueued = true;
      setTimeout(() => this.report(), FIRST_REQUEST_REPORT_DELAY_MS).unref();
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.seen.add(tenant);
      const left = (this.inFlight.get(tenant) ?? 1) - 1;
      if (left > 0) this.inFlight.set(tenant, left);
      else this.inFlight.delete(tenant);
    };
  }

  close(): void {
    clearInterval(this.timer);
  }

  private report(): void {
    this.reportQueued = false;
    const tenants = new Set([...this.seen, ...this.inFlight.keys()]);
    this.reported = tenants;
    this.seen.clear();
    if (tenants.size === 0) return;
    this.post('/activity', JSON.stringify({ tenants: [...tenants] }), REPORT_TIMEOUT_MS).then(
      () => (this.failingSince = undefined),
      (error: Error) => {
        // Once per outage, not every second: the control plane may be restarting.
        if (this.failingSince !== undefined) return;
        this.failingSince = Date.now();
        this.options.warn('cannot report requests to the control plane; its idle clock may put busy tenants to sleep meanwhile', { relay: this.options.relay.origin, error: error.message });
      },
    );
  }

  /** A POST to the relay; anything but 2xx rejects with the relay's own sentence. */
  private async post(path: string, body: string | undefined, timeoutMs: number): Promise<void> {
    const headers = body === undefined ? undefined : { 'Content-Type': 'application/json' };
    let answer: Response;
    try {
      answer = await fetch(new URL(path, this.options.relay), { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      // fetch says only "fetch failed"; what failed (ECONNREFUSED, ENOTFOUND) is its cause.
      const cause = (error as { cause?: unknown }).cause;
      const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause instanceof Error ? cause.message : (error as Error).message;
      throw new Error(`the control plane's engine relay (${this.options.relay.origin}) is not answering: ${why}`);
    }
    const text = await answer.text();
    if (!answer.ok) throw new Error(relayRefusal(answer.status, text, this.options.relay));
  }
}

/** The relay's sentence; a Docker engine instead of a relay answers 404 with its own, which would mislead. */
function relayRefusal(status: number, text: string, relay: URL): string {
  let message: string | undefined;
  try {
    message = (JSON.parse(text) as { message?: string }).message;
  } catch {
    message = undefined;
  }
  if (status === 404 && !message?.includes('tenant')) {
    return `PACTSAFS_SWARM_HOST (${relay.origin}) is not a control plane's engine relay, so this gateway cannot wake tenants; point it at PACTSAFS_ENGINE_RELAY_PORT of the control plane`;
  }
  return message ?? `the control plane's engine relay answered ${status}`;
}
