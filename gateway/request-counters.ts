import type { RequestCount, RequestOutcome } from '../shared/request-counts.js';

/** Requests the gateway saw per tenant and outcome, for `GET /metrics`: one map lookup per request. */
export class RequestCounters {
  private readonly counts = new Map<string, Record<RequestOutcome, number>>();

  count(tenant: string, outcome: RequestOutcome): void {
    const key = outcome === 'unknown-tenant' ? '' : tenant;
    let byOutcome = this.counts.get(key);
    if (!byOutcome) this.counts.set(key, (byOutcome = { routed: 0, unavailable: 0, 'unknown-tenant': 0, refused: 0 }));
    byOutcome[outcome] += 1;
  }

  snapshot(): RequestCount[] {
    return [...this.counts].flatMap(([tenant, byOutcome]) =>
      (Object.keys(byOutcome) as RequestOutcome[])
        .filter((outcome) => byOutcome[outcome] > 0)
        .map((outcome) => ({ tenant, outcome, requests: byOutcome[outcome] })),
    );
  }
}
