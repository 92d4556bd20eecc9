import { publishPact } from './provider-pacts-fixture.js';
import { dig, pactDocument, type TestBroker } from './test-broker.js';

/** Creates an environment through the API and returns its uuid. */
export async function createEnvironment(t: TestBroker, name: string, displayName?: string): Promise<string> {
  const { status, body } = await t.json('POST', '/environments', { body: { name, displayName, production: false } });
  if (status !== 201) throw new Error(`Creating environment ${name} answered ${status}: ${JSON.stringify(body)}`);
  return dig(body, 'uuid') as string;
}

/** Publishes a pact from `pacticipant` at `versionNumber` (on main, tagged dev), so that the version exists. */
export async function publishVersion(t: TestBroker, pacticipant: string, versionNumber: string): Promise<void> {
  await publishPact(t, { consumer: pacticipant, version: versionNumber, provider: 'Bar', branch: 'main', tags: ['dev'] }, pactDocument(pacticipant, 'Bar'));
}
