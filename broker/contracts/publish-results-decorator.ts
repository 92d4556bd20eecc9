import { pacticipantUrl, pactUrl, tagUrl, versionUrl } from '../hal/index.js';
import { pactName } from '../pacts/index.js';
import type { PublishResults } from './contracts-service.js';

/** The publish response, shaped exactly as the CLI's strict deserializer expects (docs/broker-api.md#publishing-contracts). */
export function decoratePublishResults(results: PublishResults, baseUrl: string): unknown {
  const { _embedded, _links } = publishedVersionHal(results.pacticipant.name, results.version.number, results.tagNames, baseUrl);
  return {
    logs: results.notices.map((notice) => ({ level: notice.type, message: notice.text, deprecationWarning: 'Replaced by notices' })),
    notices: results.notices,
    _embedded,
    _links: { ..._links, 'pb:contracts': results.pacts.map((pact) => ({ title: 'Pact', name: pactName(pact), href: pactUrl(baseUrl, pact) })) },
  };
}

/** The pacticipant and version a publication wrote, embedded and linked (also what `pactflow publish-provider-contract` reads, issue 15). */
export function publishedVersionHal(name: string, number: string, tagNames: readonly string[], baseUrl: string) {
  const pacticipantHref = pacticipantUrl(baseUrl, name);
  const versionHref = versionUrl(baseUrl, name, number);
  return {
    _embedded: {
      pacticipant: { name, _links: { self: { href: pacticipantHref } } },
      version: { number, _links: { self: { title: 'Version', name: number, href: versionHref } } },
    },
    _links: {
      'pb:pacticipant': { title: 'Pacticipant', name, href: pacticipantHref },
      'pb:pacticipant-version': { title: 'Pacticipant version', name: number, href: versionHref },
      'pb:pacticipant-version-tags': tagNames.map((tag) => ({ title: 'Tag', name: tag, href: tagUrl(baseUrl, name, number, tag) })),
    },
  };
}
