import { curies, formatTime, latestPactsUrl, latestPactUrl, pacticipantUrl, pactUrl, versionUrl } from '../hal/index.js';
import { comparePacts } from './pact-order.js';
import type { PactRow } from './pact-repository.js';

/** `GET /pacts/latest` as `pact-broker list-latest-pact-versions` reads it: the top-level `pacts` key is required. */
export function decorateLatestPacts(pacts: readonly PactRow[], baseUrl: string): unknown {
  const sorted = [...pacts].sort(comparePacts);
  const latestLink = (pact: PactRow) => ({
    href: latestPactUrl(baseUrl, pact.consumerName, pact.providerName),
    title: `Latest pact between ${pact.consumerName} and ${pact.providerName}`,
  });
  return {
    _links: {
      self: { href: latestPactsUrl(baseUrl) },
      'pb:pacts': sorted.map(latestLink),
      pacts: sorted.map((pact) => ({ ...latestLink(pact), name: 'DEPRECATED - please use the pb:pacts relation' })),
      curies: curies(baseUrl, 'pacts'),
    },
    pacts: sorted.map((pact) => ({
      _embedded: {
        consumer: {
          name: pact.consumerName,
          _embedded: {
            version: {
              number: pact.consumerVersionNumber,
              _links: {
                self: {
                  title: 'Version',
                  name: pact.consumerVersionNumber,
                  href: versionUrl(baseUrl, pact.consumerName, pact.consumerVersionNumber),
                },
              },
            },
          },
          _links: { self: { href: pacticipantUrl(baseUrl, pact.consumerName) } },
        },
        provider: { name: pact.providerName, _links: { self: { href: pacticipantUrl(baseUrl, pact.providerName) } } },
      },
      createdAt: formatTime(pact.createdAt),
      _links: { self: [{ href: latestPactUrl(baseUrl, pact.consumerName, pact.providerName) }, { href: pactUrl(baseUrl, pact) }] },
    })),
  };
}
