import { setTimeout as sleep } from 'node:timers/promises';
import { BASE, dig, pactDocument, publishBody, type TestBroker } from './test-broker.js';

/** What the fixture needs of a broker: JSON requests. */
export type BrokerClient = Pick<TestBroker, 'json'>;

export interface VerificationHistory {
  /** An instant between the early publications and the late ones (w3, m3, w4). */
  wipSince: string;
}

/**
 * A prepared history for provider Bar, through the API only:
 *
 * | consumer | version | branch | tags | content | deployed / released                 |
 * |----------|---------|--------|------|---------|-------------------------------------|
 * | Web      | w1      | main   | prod | A       | deployed to production              |
 * | Web      | w2      | main   |      | B       | deployed to test                    |
 * | Mobile   | m1      | master | prod | M1      | released in production, support ended |
 * | Mobile   | m2      | master | prod | M2      | released in production              |
 * | Legacy   | l1      |        | prod | L1      | deployed to production              |
 * | Legacy   | l2      |        | dev  | L2      |                                     |
 * | — `wipSince` —                                                                        |
 * | Web      | w3      | feat-x |      | C       |                                     |
 * | Mobile   | m3      | feat-x |      | M3      |                                     |
 * | Web      | w4      | main   |      | B (= w2)|                                     |
 *
 * Provider Bar: version p0 on branch `develop`, tagged `prod`; then p1 on branch `main`, tagged `main`, which verified
 * w1's content (A) successfully. Web's main branch is `main`, Mobile's `master`; Legacy has none, its
 * versions being on the branches the broker made of their first tags (`prod`, `dev`).
 */
export async function prepareVerificationHistory(t: BrokerClient): Promise<VerificationHistory> {
  const environment = async (name: string, isProduction: boolean) =>
    String(dig(await expectStatus(t, 'POST', '/environments', 201, { name, production: isProduction }), 'uuid'));
  const production = await environment('production', true);
  const test = await environment('test', false);

  await publish(t, 'Web', 'w1', { branch: 'main', tags: ['prod'] }, 'A');
  await publish(t, 'Web', 'w2', { branch: 'main', tags: [] }, 'B');
  await publish(t, 'Mobile', 'm1', { branch: 'master', tags: ['prod'] }, 'M1');
  await publish(t, 'Mobile', 'm2', { branch: 'master', tags: ['prod'] }, 'M2');
  await publish(t, 'Legacy', 'l1', { tags: ['prod'] }, 'L1');
  await publish(t, 'Legacy', 'l2', { tags: ['dev'] }, 'L2');

  await expectStatus(t, 'POST', `/pacticipants/Web/versions/w1/deployed-versions/environment/${production}`, 201, {});
  await expectStatus(t, 'POST', `/pacticipants/Web/versions/w2/deployed-versions/environment/${test}`, 201, {});
  await expectStatus(t, 'POST', `/pacticipants/Legacy/versions/l1/deployed-versions/environment/${production}`, 201, {});
  const m1Release = await expectStatus(t, 'POST', `/pacticipants/Mobile/versions/m1/released-versions/environment/${production}`, 201, {});
  await expectStatus(t, 'POST', `/pacticipants/Mobile/versions/m2/released-versions/environment/${production}`, 201, {});
  await expectStatus(t, 'PATCH', `/released-versions/${String(dig(m1Release, 'uuid'))}`, 200, { currentlySupported: false }, 'application/merge-patch+json');

  await expectStatus(t, 'PUT', '/pacticipants/Bar/branches/develop/versions/p0', 201, {});
  await expectStatus(t, 'PUT', '/pacticipants/Bar/versions/p0/tags/prod', 201, {});
  await verify(t, { consumer: 'Web', version: 'w1', providerVersion: 'p1', branch: 'main', tags: ['main'], success: true });

  await sleep(5);
  const wipSince = new Date().toISOString();
  await sleep(5);
  await publish(t, 'Web', 'w3', { branch: 'feat-x', tags: [] }, 'C');
  await publish(t, 'Mobile', 'm3', { branch: 'feat-x', tags: [] }, 'M3');
  await publish(t, 'Web', 'w4', { branch: 'main', tags: [] }, 'B');
  return { wipSince };
}

/** Publishes the consumer's pact with Bar; the content is named by `content`, equal names giving equal content. */
export async function publish(t: BrokerClient, consumer: string, version: string, where: { branch?: string; tags: string[] }, content: string): Promise<void> {
  const body = publishBody({ pacticipantVersionNumber: version, branch: where.branch, tags: where.tags }, pactDocument(consumer, 'Bar', [`content ${content}`]));
  await expectStatus(t, 'POST', '/contracts/publish', 200, body);
}

/** What the Rust verifier does after verifying a pact: branch and tags of the provider version, then the result. */
export interface Verification {
  consumer: string;
  version: string;
  providerVersion: string;
  branch?: string;
  tags?: string[];
  success: boolean;
  /** The results URL to post to; the pact's own when absent. */
  resultsPath?: string;
}

export async function verify(t: BrokerClient, verification: Verification): Promise<void> {
  const { consumer, version, providerVersion, branch, tags = [], success } = verification;
  if (branch !== undefined) await expectStatus(t, 'PUT', `/pacticipants/Bar/branches/${branch}/versions/${providerVersion}`, 201, {});
  for (const tag of tags) await expectStatus(t, 'PUT', `/pacticipants/Bar/versions/${providerVersion}/tags/${tag}`, 201, {});
  const resultsPath =
    verification.resultsPath ??
    String(dig((await t.json('GET', `/pacts/provider/Bar/consumer/${consumer}/version/${version}`)).body, '_links', 'pb:publish-verification-results', 'href')).slice(BASE.length);
  await expectStatus(t, 'POST', resultsPath, 201, { success, providerApplicationVersion: providerVersion });
}

/** Sends the request and returns the answer's body; throws unless it has the status. */
async function expectStatus(t: BrokerClient, method: string, path: string, status: number, body?: unknown, contentType?: string): Promise<unknown> {
  const headers = contentType === undefined ? undefined : { 'content-type': contentType };
  const response = await t.json(method, path, { body, headers });
  if (response.status !== status) throw new Error(`${method} ${path} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response.body;
}
