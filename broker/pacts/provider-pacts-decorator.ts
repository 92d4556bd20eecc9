import { pacticipantUrl, pactUrl } from '../hal/index.js';
import type { HalLink } from '../hal/index.js';
import { pactName } from './pact-decorator.js';
import type { PactRow } from './pact-repository.js';

/** What a provider's pact collection is called and where it is. */
export interface ProviderPactsCollection {
  providerName: string;
  selfUrl: string;
  title: string;
}

/** One pact of a collection's `pb:pacts`: `pact-broker get-pacts` tabulates name, title and href as CONSUMER, TITLE and LINK. */
export function pactListLink(pact: PactRow, baseUrl: string): Required<Omit<HalLink, 'templated'>> {
  return { href: pactUrl(baseUrl, pact), title: pactName(pact), name: pact.consumerName };
}

/**
 * The Ruby broker's ProviderPactsDecorator: the CLI reads `pb:pacts`; the verifier's old flow
 * iterates the deprecated `pacts` (docs/broker-api.md#pact-routes).
 */
export function decorateProviderPacts(collection: ProviderPactsCollection, pacts: readonly PactRow[], baseUrl: string): unknown {
  const { providerName } = collection;
  const providerHref = pacticipantUrl(baseUrl, providerName);
  const pactLinks = pacts.map((pact) => pactListLink(pact, baseUrl));
  return {
    _links: {
      self: { href: collection.selfUrl, title: collection.title },
      'pb:provider': { href: providerHref, name: providerName },
      'pb:pacts': pactLinks,
      provider: { href: providerHref, title: providerName, name: 'DEPRECATED - please use the pb:provider relation' },
      pacts: pactLinks.map((link) => ({ ...link, title: `DEPRECATED - please use the pb:pacts relation. ${link.title}` })),
    },
  };
}
