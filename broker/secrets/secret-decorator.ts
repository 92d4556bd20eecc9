import type { SecretRow } from '../db/index.js';
import { timestamps, urlEncode } from '../hal/index.js';

/** `/secrets` under the base URL. */
export const secretsUrl = (baseUrl: string) => `${baseUrl}/secrets`;
export const secretUrl = (baseUrl: string, uuid: string) => `${secretsUrl(baseUrl)}/${urlEncode(uuid)}`;

/** A secret as PactFlow's API shows it (team issue 14): name, description and times, never the value. */
export function decorateSecret(secret: SecretRow, baseUrl: string): Record<string, unknown> {
  return {
    uuid: secret.uuid,
    name: secret.name,
    description: secret.description,
    ...timestamps(secret),
    _links: {
      self: { title: 'Secret', name: secret.name, href: secretUrl(baseUrl, secret.uuid) },
      'pb:secrets': { title: 'Secrets', href: secretsUrl(baseUrl) },
    },
  };
}

/** `GET /secrets`: every secret embedded, as the environments list is. */
export function decorateSecrets(secrets: readonly SecretRow[], baseUrl: string): unknown {
  return {
    _embedded: { secrets: secrets.map((secret) => decorateSecret(secret, baseUrl)) },
    _links: {
      self: { title: 'Secrets', href: secretsUrl(baseUrl) },
      'pb:create': { title: 'POST to create a secret', href: secretsUrl(baseUrl) },
    },
  };
}
