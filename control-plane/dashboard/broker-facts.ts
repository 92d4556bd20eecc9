/** Loopback requests through the gateway, the same way any client reaches a tenant's broker. */
export type GatewayFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** What the tenant page shows of a broker; `undefined` counts are unknown (shown as "—"). */
export interface BrokerFacts {
  heartbeat: { ok: true; ms: number } | { ok: false; problem: string };
  pacticipants?: number;
  pacts?: number;
  verifications?: number;
  /** True when the verification count reached the matrix's row limit and is a lower bound. */
  verificationsAtLeast?: boolean;
}

const TIMEOUT_MS = 3_000;
// The matrix answers at most this many rows per query; more rows mean the count is a lower bound.
const MATRIX_LIMIT = 1000;

interface LatestPacts {
  pacts?: Array<{ _embedded?: { consumer?: { name?: string }; provider?: { name?: string } } }>;
}

interface MatrixAnswer {
  matrix?: Array<{ verificationResult?: { _links?: { self?: { href?: string } } } | null }>;
}

/**
 * Heartbeat and counts of a tenant's broker, read from its HAL resources through the gateway at
 * `base` (e.g. `http://127.0.0.1:8080/t/acme`). The broker has no count endpoint: pacticipants come
 * from `/pacticipants`, pacts from `/pacts/latest`, verifications from the matrix of each integration.
 */
export async function brokerFacts(fetchGateway: GatewayFetch, base: string): Promise<BrokerFacts> {
  const get = async <T>(path: string): Promise<T> => {
    const answer = await fetchGateway(`${base}${path}`, { headers: { Accept: 'application/hal+json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!answer.ok) throw new Error(`${path} answered ${answer.status}`);
    return (await answer.json()) as T;
  };
  const heartbeat = await checkHeartbeat(fetchGateway, base);
  if (!heartbeat.ok) return { heartbeat };
  const [pacticipants, latest] = await Promise.all([
    get<{ _embedded?: { pacticipants?: unknown[] } }>('/pacticipants').then((body) => body._embedded?.pacticipants?.length ?? 0, () => undefined),
    get<LatestPacts>('/pacts/latest').catch(() => undefined),
  ]);
  const facts: BrokerFacts = { heartbeat, pacticipants, pacts: latest?.pacts?.length };
  if (latest?.pacts) Object.assign(facts, await countVerifications(get, latest.pacts));
  return facts;
}

async function checkHeartbeat(fetchGateway: GatewayFetch, base: string): Promise<BrokerFacts['heartbeat']> {
  const started = performance.now();
  try {
    const answer = await fetchGateway(`${base}/diagnostic/status/heartbeat`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await answer.body?.cancel();
    if (answer.status !== 200) return { ok: false, problem: `answered ${answer.status}` };
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, problem: (error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (error as Error).message };
  }
}

/** Distinct verification results across every integration's matrix (rows repeat one per consumer version). */
async function countVerifications(
  get: <T>(path: string) => Promise<T>,
  pacts: NonNullable<LatestPacts['pacts']>,
): Promise<Pick<BrokerFacts, 'verifications' | 'verificationsAtLeast'>> {
  try {
    const matrices = await Promise.all(
      pacts.map((pact) => {
        const query = new URLSearchParams();
        query.append('q[][pacticipant]', pact._embedded?.consumer?.name ?? '');
        query.append('q[][pacticipant]', pact._embedded?.provider?.name ?? '');
        query.set('limit', String(MATRIX_LIMIT));
        return get<MatrixAnswer>(`/matrix?${query}`);
      }),
    );
    const seen = new Set<string>();
    for (const row of matrices.flatMap((answer) => answer.matrix ?? [])) {
      // The same result is linked once per consumer version (the `/metadata/...` part): drop it.
      const href = row.verificationResult?._links?.self?.href?.replace(/\/metadata\/[^/]+/, '');
      if (href) seen.add(href);
    }
    return { verifications: seen.size, verificationsAtLeast: matrices.some((answer) => (answer.matrix?.length ?? 0) >= MATRIX_LIMIT) };
  } catch {
    return {};
  }
}
