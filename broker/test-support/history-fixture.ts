/**
 * The history of issue 13's measurements (the broker bench and the query-count tests), seeded through the broker's HTTP API: 3 consumers × N
 * versions, each publishing a pact to both of 2 providers (branch `main`, every 10th version a
 * feature branch; tags); 3 × N verifications (at N=500 the issue's 1,500); 78 × N/500 deployments per
 * pacticipant (at N=500 the issue's 390) to `test` and `production`.
 */
import { generatePactSha } from '../pacts/pact-content.js';

/** Sends one request of the history and answers its body; throws unless 2xx. */
export type HistorySend = (request: { method: string; path: string; body?: string }) => Promise<string>;

/** {@link HistorySend} through a broker's `fetch` (in process: no sockets). */
export function historySendOf(fetch: (request: Request) => Response | Promise<Response>): HistorySend {
  return async ({ method, path, body }) => {
    const response = await fetch(new Request(`http://broker.test${path}`, { method, body, headers: { accept: 'application/hal+json, application/json', 'content-type': 'application/json' } }));
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text;
  };
}

export const CONSUMERS = ['Web', 'Mobile', 'Batch'] as const;
export const PROVIDERS = ['Orders', 'Accounts'] as const;
/** Pact content changes every this many consumer versions, as it does between real releases. */
const CONTENT_CHANGE_EVERY = 5;
const DEPLOYMENTS_PER_500 = 78;
/** A consumer version index far beyond any seeded one: its pact content is new to the history. */
const NEW_CONTENT = 1_000_000;

/** Bump when the history changes: kept seeds (BENCH_BROKER_SEED_CACHE) carry it in their name. */
export const HISTORY_VERSION = 1;

/** The seeded names a bench call needs. */
export interface SeededHistory {
  /** The consumer version number the calls ask about (Web's last one on `main`). */
  latestConsumerVersion: string;
}

export function consumerVersion(index: number): string {
  return `1.0.${index}`;
}

function branchOf(index: number): string {
  return index % 10 === 9 ? `feat-${index}` : 'main';
}

/** The pact consumer → provider at consumer version `index`. */
export function pactFor(consumer: string, provider: string, index: number): Record<string, unknown> {
  const generation = Math.floor(index / CONTENT_CHANGE_EVERY);
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: [
      { description: `a request for ${provider} (${generation})`, providerState: 'things exist', request: { method: 'GET', path: `/things/${generation}` }, response: { status: 200, body: { id: generation, name: 'thing' } } },
      { description: 'a request to create', request: { method: 'POST', path: '/things', body: { name: 'x' } }, response: { status: 201 } },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

/** A `/contracts/publish` body as the official CLI sends it: one version, a pact for each provider. */
export function historyPublishBody(consumer: string, number: string, index: number, branch = branchOf(index)): string {
  return JSON.stringify({
    pacticipantName: consumer,
    pacticipantVersionNumber: number,
    branch,
    tags: [branch === 'main' ? 'main' : 'feature'],
    buildUrl: `http://ci/${consumer}/${number}`,
    contracts: PROVIDERS.map((provider) => ({
      consumerName: consumer,
      providerName: provider,
      specification: 'pact',
      contentType: 'application/json',
      content: Buffer.from(JSON.stringify(pactFor(consumer, provider, index))).toString('base64'),
      onConflict: 'overwrite',
    })),
  });
}

/**
 * Seeds the history with `versions` per consumer through `send`, or completes one an interrupted run
 * left (team issue 13: seeding 5,000 versions outlasts a session on a loaded machine): each stream
 * goes on after the latest version its pacticipant has, and the deployments are recorded again.
 */
export async function seedHistory(send: HistorySend, versions: number): Promise<void> {
  const indexes = Array.from({ length: versions }, (_, i) => i);
  // One stream per consumer: each consumer's versions are created in order, as CI does.
  await Promise.all(CONSUMERS.map(async (consumer) => {
    const done = await latestIndex(send, consumer);
    for (const i of indexes.filter((index) => index > done)) await send({ method: 'POST', path: '/contracts/publish', body: historyPublishBody(consumer, consumerVersion(i), i) });
  }));
  await Promise.all(PROVIDERS.map((provider, k) => verifyAll(send, provider, indexes.filter((i) => i % PROVIDERS.length === k))));
  await deployAll(send, versions);
}

/** The last index i of `name`'s versions (`1.0.<i>`, `2.0.<i>`: the history creates them in order), or -1 when it has none. */
async function latestIndex(send: HistorySend, name: string): Promise<number> {
  const answer = await send({ method: 'GET', path: `/pacticipants/${name}/latest-version` }).catch((error: unknown) => {
    if (error instanceof Error && / answered 404:/.test(error.message)) return undefined;
    throw error;
  });
  return answer === undefined ? -1 : Number((JSON.parse(answer) as { number: string }).number.split('.')[2]);
}

/** The seeded names the calls use. */
export function seededHistory(versions: number): SeededHistory {
  const last = Array.from({ length: versions }, (_, i) => i).filter((i) => branchOf(i) === 'main').at(-1) ?? 0;
  return { latestConsumerVersion: consumerVersion(last) };
}

/** The provider verifies consumer version i of every consumer as its own version `2.0.<i>` on `main`; every 7th fails. */
async function verifyAll(send: HistorySend, provider: string, indexes: number[]): Promise<void> {
  const done = await latestIndex(send, provider);
  for (const i of indexes.filter((index) => index >= done)) {
    const providerVersion = `2.0.${i}`;
    await send({ method: 'PUT', path: `/pacticipants/${provider}/branches/main/versions/${providerVersion}`, body: '{}' });
    for (const consumer of CONSUMERS) {
      // The version an interrupted run created last may have some of its verifications already.
      if (i === done && (await verified(send, provider, providerVersion, consumer, i))) continue;
      const sha = generatePactSha(pactFor(consumer, provider, i));
      const body = JSON.stringify({ success: i % 7 !== 0, providerApplicationVersion: providerVersion, buildUrl: `http://ci/${provider}/${i}` });
      await send({ method: 'POST', path: `/pacts/provider/${provider}/consumer/${consumer}/pact-version/${sha}/verification-results`, body });
    }
  }
}

/** Whether the provider version has verified the consumer's version i. */
async function verified(send: HistorySend, provider: string, providerVersion: string, consumer: string, i: number): Promise<boolean> {
  const query = `q[][pacticipant]=${consumer}&q[][version]=${consumerVersion(i)}&q[][pacticipant]=${provider}&q[][version]=${providerVersion}`;
  const { matrix } = JSON.parse(await send({ method: 'GET', path: `/matrix?${query}` })) as { matrix: Array<{ verificationResult: unknown }> };
  return matrix.some((row) => row.verificationResult != null);
}

/** Records deployments of evenly spread versions of each pacticipant, two in three to `test`, the rest to `production`. */
async function deployAll(send: HistorySend, versions: number): Promise<void> {
  const listed = JSON.parse(await send({ method: 'GET', path: '/environments' })) as { _embedded?: { environments?: Array<{ name: string; uuid: string }> } };
  const environments: string[] = [];
  for (const [name, production] of [['test', false], ['production', true]] as const) {
    const existing = listed._embedded?.environments?.find((environment) => environment.name === name);
    const answer = existing ?? (JSON.parse(await send({ method: 'POST', path: '/environments', body: JSON.stringify({ name, production }) })) as { uuid: string });
    environments.push(answer.uuid);
  }
  const perPacticipant = Math.round((DEPLOYMENTS_PER_500 * versions) / 500);
  const spread = (k: number, of: number) => Math.floor((k * of) / perPacticipant);
  const plans = [
    ...CONSUMERS.map((name) => ({ name, number: (k: number) => consumerVersion(spread(k, versions)) })),
    // Provider k holds the versions 2.0.<i> with i % 2 == k (verifyAll).
    ...PROVIDERS.map((name, p) => ({ name, number: (k: number) => `2.0.${2 * spread(k, Math.floor(versions / 2)) + p}` })),
  ];
  await Promise.all(plans.map(async ({ name, number }) => {
    for (let k = 0; k < perPacticipant; k++) {
      const uuid = environments[k % 3 === 2 ? 1 : 0]!;
      await send({ method: 'POST', path: `/pacticipants/${name}/versions/${number(k)}/deployed-versions/environment/${uuid}`, body: '{}' });
    }
  }));
}

/** One call of issue 13's table. */
export interface HistoryCall {
  name: string;
  /** The Ruby broker's req/s at 8 clients, 500 versions, PostgreSQL (issue 13): the bench's anchor. */
  ruby: number;
  /**
   * The most statements it may run (today's count, PostgreSQL's; SQLite's publish runs one fewer),
   * so that a change adding a round trip fails broker/performance/query-counts.test.ts. Publish's 38
   * (68, then 45 before team issue 13's cuts: one webhook lookup for all events, one statement for the
   * provider versions requiring verification, no pact lookups for a version created by this publication,
   * no read-back of a pact just inserted, pacticipants looked up before inserting; then the consumer and
   * its version looked up once, its tags read once for every pact and listener, one statement for the
   * configured webhooks and one for the integrations of all its pacts) are per contract still its
   * provider, content, publication, events, webhooks, and since bi-directional contracts (team issue 15)
   * the provider's contracts to compare the pact with. 41 since the WIP pacts' tables (team issue 13,
   * migration 012): the previous branch head's pacts removed, and each pact recorded for the heads at its
   * version (a version new to the publication has no pacts or verifications to record for its branch).
   */
  mostStatements: number;
  /** The next request of this call (publish makes a new consumer version each time). */
  next(): { method: string; path: string; body?: string };
}

/** The calls of issue 13's table against the seeded history: what the bench times and the query-count test counts. */
export function historyCalls(history: SeededHistory): HistoryCall[] {
  const [consumer, provider] = [CONSUMERS[0], PROVIDERS[0]];
  const version = history.latestConsumerVersion;
  let published = 0;
  const forVerification = JSON.stringify({
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    providerVersionBranch: 'main',
    includePendingStatus: true,
    includeWipPactsSince: '2020-01-01',
  });
  return [
    { name: 'GET /', ruby: 749, mostStatements: 0, next: () => ({ method: 'GET', path: '/' }) },
    { name: 'latest pact', ruby: 65, mostStatements: 1, next: () => ({ method: 'GET', path: `/pacts/provider/${provider}/consumer/${consumer}/latest` }) },
    { name: 'matrix (latestby=cvp&latest=true)', ruby: 21.5, mostStatements: 13, next: () => ({ method: 'GET', path: `/matrix?q[][pacticipant]=${consumer}&q[][version]=${version}&latestby=cvp&latest=true` }) },
    // As the CLI sends `can-i-deploy --to-environment` (docs/broker-api.md#what-can-i-deploy-sends).
    // 15: its unverified rows make the matrix ask whether those provider versions have a contract to compare (team issue 15).
    { name: 'can-i-deploy to an environment', ruby: 13.8, mostStatements: 15, next: () => ({ method: 'GET', path: `/matrix?q[][pacticipant]=${consumer}&q[][version]=${version}&latestby=cvpv&environment=production` }) },
    { name: 'pacts for verification', ruby: 26.3, mostStatements: 8, next: () => ({ method: 'POST', path: `/pacts/provider/${provider}/for-verification`, body: forVerification }) },
    // New versions of the consumer on a branch of their own (last in the list: they add to the history),
    // each with content new to the history, so every one fires the same events.
    { name: 'publish (/contracts/publish)', ruby: 9.4, mostStatements: 28, next: () => ({ method: 'POST', path: '/contracts/publish', body: historyPublishBody(consumer, `9.0.${published}`, NEW_CONTENT + CONTENT_CHANGE_EVERY * published++, 'bench') }) },
  ];
}
