import { formatDayMonthYear, formatTime, pacticipantUrl, pactUrl, versionUrl } from '../hal/index.js';
import { pactName } from './pact-decorator.js';
import type { PactRow } from './pact-repository.js';
import { pactListLink } from './provider-pacts-decorator.js';

/** One integration's pact collection. */
export interface PactVersionsCollection {
  consumerName: string;
  providerName: string;
  selfUrl: string;
}

/**
 * The Ruby broker's PactVersionsDecorator, plus `pb:pacts`: `pact-broker get-pacts --consumer`
 * tabulates that relation and panics when a response has none, as the Ruby broker's have not.
 */
export function decoratePactVersions(collection: PactVersionsCollection, pacts: readonly PactRow[], baseUrl: string): unknown {
  const { consumerName, providerName } = collection;
  return {
    _embedded: {
      pacts: pacts.map((pact) => ({
        createdAt: formatTime(pact.createdAt),
        _embedded: {
          consumerVersion: {
            number: pact.consumerVersionNumber,
            _links: { self: { title: 'Version', name: pact.consumerVersionNumber, href: versionUrl(baseUrl, consumerName, pact.consumerVersionNumber) } },
          },
        },
        _links: { self: { href: pactUrl(baseUrl, pact), title: pactName(pact) } },
      })),
    },
    _links: {
      self: { href: collection.selfUrl, title: `All versions of the pact between ${consumerName} and ${providerName}` },
      consumer: { href: pacticipantUrl(baseUrl, consumerName), title: 'Consumer', name: consumerName },
      provider: { href: pacticipantUrl(baseUrl, providerName), title: 'Provider', name: providerName },
      'pact-versions': pacts.map((pact) => ({
        href: pactUrl(baseUrl, pact),
        title: 'Pact',
        name: `Version ${pact.consumerVersionNumber} - ${formatDayMonthYear(pact.createdAt)}`,
      })),
      'pb:pacts': pacts.map((pact) => pactListLink(pact, baseUrl)),
    },
  };
}
