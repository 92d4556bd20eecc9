import { pactDocument, publishBody, type TestBroker } from './test-broker.js';

/** The pacts the provider-pact suites read (request and CLI level). */

/**
 * Publishes `consumer` at `version` as the CLI does, with a pact for `provider`: by default one
 * interaction described by the version, so that every version has content of its own.
 */
export async function publishPact(
  t: TestBroker,
  { consumer, version, provider, branch, tags = [] }: { consumer: string; version: string; provider: string; branch: string; tags?: string[] },
  pact: Record<string, unknown> = pactDocument(consumer, provider, [version]),
): Promise<void> {
  const { status, body } = await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: version, branch, tags }, pact) });
  if (status !== 200) throw new Error(`Publishing ${consumer} ${version} answered ${status}: ${JSON.stringify(body)}`);
}

/**
 * Foo 1, 2 and zoo 1 on main, Foo 3 on `feat/x`, all with Bar; the main branch
 * heads, Foo 4 and zoo 2, have pacts with Other only. Tags: Foo 1 `prod`, Foo 2 and 3 `dev`.
 */
export async function publishProviderPacts(t: TestBroker, featureBranch = 'feat/x'): Promise<void> {
  await publishPact(t, { consumer: 'Foo', version: '1', provider: 'Bar', branch: 'main', tags: ['prod'] });
  await publishPact(t, { consumer: 'Foo', version: '2', provider: 'Bar', branch: 'main', tags: ['dev'] });
  await publishPact(t, { consumer: 'Foo', version: '3', provider: 'Bar', branch: featureBranch, tags: ['dev'] });
  await publishPact(t, { consumer: 'Foo', version: '4', provider: 'Other', branch: 'main' });
  await publishPact(t, { consumer: 'zoo', version: '1', provider: 'Bar', branch: 'main' });
  await publishPact(t, { consumer: 'zoo', version: '2', provider: 'Other', branch: 'main' });
}
