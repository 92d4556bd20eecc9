/**
 * The history of issue 13's measurements, seeded through the broker's HTTP API: 3 consumers × N
 * versions, each publishing a pact to both of 2 providers (branch `main`, every 10th version a
 * feature branch; tags); 3 × N verifications (at N=500 the issue's 1,500); 78 × N/500 deployments per
 * pacticipant (at N=500 the issue's 390) to `test` and `production`.
 */
import { openBroker } from '../broker/broker.js';
import { generatePactSha } from '../broker/pacts/pact-content.js';
import { inParallel, type BrokerClient } from './broker-load.js';

export const CONSUMERS = ['Web', 'Mobile', 'Batch'] as const;
export const PROVIDERS = ['Orders', 'Accounts'] as const;
/** Pact content changes every this many consumer versions, as it does between real releases. */
const CONTENT_CHANGE_EVERY = 5;
const DEPLOYMENTS_PER_500 = 78;

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
export function publishBody(consumer: string, number: string, index: number): string {
  const branch = branchOf(index);
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

/** Seeds the history with `versions` per consumer into the database at `databaseUrl`, through an in-process broker's HTTP API (fast seeding: no sockets). */
export async function seedHistory(databaseUrl: string, versions: number): Promise<void> {
  const broker = await openBroker({ databaseUrl, webhookDelivery: false });
  const client: BrokerClient = {
    send: async ({ method, path, body }) => {
      const response = await broker.fetch(new Request(`http://bench${path}`, { method, body, headers: { accept: 'application/hal+json', 'content-type': 'application/json' } }));
      const text = await response.text();
      if (!response.ok) throw new Error(`seeding: ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return text;
    },
    close: () => {},
  };
  try {
    const indexes = Array.from({ length: versions }, (_, i) => i);
    // One stream per consumer: each consumer's versions are created in order, as CI does.
    await Promise.all(CONSUMERS.map(async (consumer) => {
      for (const i of indexes) await client.send({ method: 'POST', path: '/contracts/publish', body: publishBody(consumer, consumerVersion(i), i) });
    }));
    await Promise.all(PROVIDERS.map((provider, k) => verifyAll(client, provider, indexes.filter((i) => i % PROVIDERS.length === k))));
    await deployAll(client, versions);
  } finally {
    await broker.close();
  }
}

/** The seeded names the calls use. */
export function seededHistory(versions: number): SeededHistory {
  const last = Array.from({ length: versions }, (_, i) => i).filter((i) => branchOf(i) === 'main').at(-1) ?? 0;
  return { latestConsumerVersion: consumerVersion(last) };
}

/** The provider verifies consumer version i of every consumer as its own version `2.0.<i>` on `main`; every 7th fails. */
async function verifyAll(client: BrokerClient, provider: string, indexes: number[]): Promise<void> {
  for (const i of indexes) {
    const providerVersion = `2.0.${i}`;
    await client.send({ method: 'PUT', path: `/pacticipants/${provider}/branches/main/versions/${providerVersion}`, body: '{}' });
    for (const consumer of CONSUMERS) {
      const sha = generatePactSha(pactFor(consumer, provider, i));
      const body = JSON.stringify({ success: i % 7 !== 0, providerApplicationVersion: providerVersion, buildUrl: `http://ci/${provider}/${i}` });
      await client.send({ method: 'POST', path: `/pacts/provider/${provider}/consumer/${consumer}/pact-version/${sha}/verification-results`, body });
    }
  }
}

/** Records deployments of evenly spread versions of each pacticipant, two in three to `test`, the rest to `production`. */
async function deployAll(client: BrokerClient, versions: number): Promise<void> {
  const environments: string[] = [];
  for (const [name, production] of [['test', false], ['production', true]] as const) {
    const answer = JSON.parse(await client.send({ method: 'POST', path: '/environments', body: JSON.stringify({ name, production }) })) as { uuid: string };
    environments.push(answer.uuid);
  }
  const perPacticipant = Math.round((DEPLOYMENTS_PER_500 * versions) / 500);
  const spread = (k: number, of: number) => Math.floor((k * of) / perPacticipant);
  const plans = [
    ...CONSUMERS.map((name) => ({ name, number: (k: number) => consumerVersion(spread(k, versions)) })),
    // Provider k holds the versions 2.0.<i> with i % 2 == k (verifyAll).
    ...PROVIDERS.map((name, p) => ({ name, number: (k: number) => `2.0.${2 * spread(k, Math.floor(versions / 2)) + p}` })),
  ];
  await inParallel(plans, plans.length, async ({ name, number }) => {
    for (let k = 0; k < perPacticipant; k++) {
      const uuid = environments[k % 3 === 2 ? 1 : 0]!;
      await client.send({ method: 'POST', path: `/pacticipants/${name}/versions/${number(k)}/deployed-versions/environment/${uuid}`, body: '{}' });
    }
  });
}
