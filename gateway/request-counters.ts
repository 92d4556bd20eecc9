/** What became of a request for a tenant address. */
export type RequestOutcome = 'routed' | 'unavailable' | 'unknown-tenant';

export interface RequestCount {
  /** Empty for unknown tenants: names nobody created must not grow the table. */
  tenant: string;
  outcome: RequestOutcome;
  requests: number;
}

/** Requests the gateway saw per tenant and outcome, for `GET /metrics`: one map update per request. */
export class RequestCounters {
  private readonly counts = new Map<string, Map<RequestOutcome, number>>();

  count(tenant: string, outcome: RequestOutcome): void {
    const key = outcome === 'unknown-tenant' ? '' : tenant;
    let byOutcome = this.counts.get(key);
    if (!byOutcome) this.counts.set(key, (byOutcome = new Map()));
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  }

  snapshot(): RequestCount[] {
    return [...this.counts].flatMap(([tenant, byOutcome]) => [...byOutcome].map(([outcome, requests]) => ({ tenant, outcome, requests })));
  }
}
