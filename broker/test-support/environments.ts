import { dig, pactDocument, publishBody, type TestBroker } from './test-broker.js';

/** Creates an environment through the API and returns its uuid. */
export async function createEnvironment(t: TestBroker, name: string, displayName?: string): Promise<string> {
  const { status, body } = await t.json('POST', '/environments', { body: { name, displayName, production: false } });
  if (status !== 201) throw new Error(`Creating environment ${name} answered ${status}: ${JSON.stringify(body)}`);
  return dig(body, 'uuid') as string;
}

/** Publishes a pact from `pacticipant` at `versionNumber`, so that the version exists. */
export async function publishVersion(t: TestBroker, pacticipant: string, versionNumber: string): Promise<void> {
  const { status, body } = await t.json('POST', '/contracts/publish', {
    body: publishBody({ pacticipantVersionNumber: versionNumber }, pactDocument(pacticipant, 'Bar')),
  });
  if (status !== 200) throw new Error(`Publishing ${pacticipant} ${versionNumber} answered ${status}: ${JSON.stringify(body)}`);
}
