/** What became of a request for a tenant address. */
/** `refused`: the gateway refused its credentials (issue 11: CI tokens). */
export type RequestOutcome = 'routed' | 'unavailable' | 'unknown-tenant' | 'refused';

/** Requests the gateway counted for one tenant and outcome: the gateway counts, the control plane's /metrics shows them. */
export interface RequestCount {
  /** Empty for unknown tenants: names nobody created must not grow the table. */
  tenant: string;
  outcome: RequestOutcome;
  requests: number;
}
