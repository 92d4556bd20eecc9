import { HEARTBEAT_PATH } from '../../shared/wait-for.js';

/** Loopback requests through the gateway, the same way any client reaches a tenant's broker. */
export type GatewayFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** What the tenant page shows of a broker; `undefined` counts are unknown (shown as "—"). */
export interface BrokerFacts {
  heartbeat: { ok: true; ms: number } | { ok: false; problem: string };
  pacticipants?: number;
  /** Consumer/provider pairs: the rows of the broker UI's index. */
  integrations?: number;
  /**
   * Distinct pact contents, the Ruby broker's "pact versions" (team issue 16: publications, shown as
   * "Pacts", read 2 where the broker UI showed one integration).
   */
  pactVersions?: number;
  /** Verification results. */
  verifications?: number;
}

const TIMEOUT_MS = 3_000;

/** The part of the broker's `GET /metrics` (the Ruby broker's JSON counts; ours answers the same) the page shows. */
interface BrokerMetrics {
  pacticipants?: { count?: number };
  integrations?: { count?: number };
  pactVersions?: { count?: number };
  verificationResults?: { count?: number };
}

/**
 * Heartbeat and counts of a tenant's broker, read through the gateway at `base` (e.g.
 * `http://127.0.0.1:8080/t/acme`) like any client (with its credentials, if it has basic auth):
 * the heartbeat, then the broker's `/metrics`.
 */
export async function brokerFacts(fetchGateway: GatewayFetch, base: string, authHeaders: Record<string, string> = {}): Promise<BrokerFacts> {
  const heartbeat = await checkHeartbeat(fetchGateway, base, authHeaders);
  if (!heartbeat.ok) return { heartbeat };
  try {
    const answer = await fetchGateway(`${base}/metrics`, { headers: { Accept: 'application/hal+json', ...authHeaders }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!answer.ok) throw new Error(`/metrics answered ${answer.status}`);
    const metrics = (await answer.json()) as BrokerMetrics;
    return {
      heartbeat,
      pacticipants: metrics.pacticipants?.count,
      integrations: metrics.integrations?.count,
      pactVersions: metrics.pactVersions?.count,
      verifications: metrics.verificationResults?.count,
    };
  } catch {
    return { heartbeat };
  }
}

async function checkHeartbeat(fetchGateway: GatewayFetch, base: string, authHeaders: Record<string, string>): Promise<BrokerFacts['heartbeat']> {
  const started = performance.now();
  try {
    const answer = await fetchGateway(`${base}${HEARTBEAT_PATH}`, { headers: authHeaders, signal: AbortSignal.timeout(TIMEOUT_MS) });
    await answer.body?.cancel();
    if (answer.status !== 200) return { ok: false, problem: `answered ${answer.status}` };
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, problem: (error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (error as Error).message };
  }
}
