import { publishedVersionHal } from '../contracts/index.js';
import { branchVersionUrl, providerContractUrl } from '../hal/index.js';
import type { ProviderContractPublication } from './provider-contract-service.js';

/** The publish answer: notices and `_embedded`, shaped as the official `pactflow publish-provider-contract` reads them (issue 15). */
export function decorateProviderContractPublication(publication: ProviderContractPublication, baseUrl: string): unknown {
  const name = publication.provider.name;
  const number = publication.version.number;
  const { _embedded, _links } = publishedVersionHal(name, number, publication.tagNames, baseUrl);
  const branch = publication.branch;
  return {
    notices: publication.notices,
    _embedded,
    _links: {
      ..._links,
      ...(branch === undefined ? {} : { 'pb:branch-version': { title: 'Branch version', name: branch, href: branchVersionUrl(baseUrl, name, branch, number) } }),
      'pf:provider-contract': { title: 'Provider contract', name: `Provider contract for ${name} version ${number}`, href: providerContractUrl(baseUrl, name, number) },
    },
  };
}
