import { pactVersionUrl } from '../hal/index.js';
import { encodeMetadata } from '../pacts/index.js';

/** What identifies a verification result in a URL. */
export interface VerificationCoordinates {
  consumerName: string;
  providerName: string;
  sha: string;
  number: number | 'latest';
}

/** `…/pact-version/{sha}[/metadata/{cvn}]`: with a consumer version, the metadata names it, as the Ruby broker's permalinks do. */
export function pactVersionUrlFor(baseUrl: string, coordinates: Omit<VerificationCoordinates, 'number'>, consumerVersionNumber?: string): string {
  const permalink = pactVersionUrl(baseUrl, coordinates);
  if (consumerVersionNumber === undefined) return permalink;
  return `${permalink}/metadata/${encodeMetadata({ consumerVersionNumber })}`;
}

/** `…/pact-version/{sha}[/metadata/{cvn}]/verification-results/{number}`. */
export function verificationUrl(baseUrl: string, coordinates: VerificationCoordinates, consumerVersionNumber?: string): string {
  return `${pactVersionUrlFor(baseUrl, coordinates, consumerVersionNumber)}/verification-results/${coordinates.number}`;
}
