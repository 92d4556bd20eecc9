import { branchVersionUrl, pacticipantUrl, tagUrl, versionUrl } from '../hal/urls.js';
import type { ProviderContractPublication } from './provider-contract-service.js';
import { providerContractUrl } from './provider-contract-urls.js';

/** The publish answer: notices and `_embedded`, shaped as the official `pactflow publish-provider-contract` reads them (issue 15). */
export function decorateProviderContractPublication(publication: ProviderContractPublication, baseUrl: string): unknown {
  const name = publication.provider.name;
  const number = publication.version.number;
  const pacticipantHref = pacticipantUrl(baseUrl, name);
  const versionHref = versionUrl(baseUrl, name, number);
  return {
    notices: publication.notices,
    _embedded: {
      pacticipant: { name, _links: { self: { href: pacticipantHref } } },
      version: { number, _links: { self: { title: 'Version', name: number, href: versionHref } } },
    },
    _links: {
      'pb:pacticipant': { title: 'Pacticipant', name, href: pacticipantHref },
      'pb:pacticipant-version': { title: 'Pacticipant version', name: number, href: versionHref },
      'pb:pacticipant-version-tags': publication.tagNames.map((tag) => ({ title: 'Tag', name: tag, href: tagUrl(baseUrl, name, number, tag) })),
      ...(publication.branch === undefined
        ? {}
        : { 'pb:branch-version': { title: 'Branch version', name: publication.branch, href: branchVersionUrl(baseUrl, name, publication.branch, number) } }),
      'pf:provider-contract': { title: 'Provider contract', name: `Provider contract for ${name} version ${number}`, href: providerContractUrl(baseUrl, name, number) },
    },
  };
}
