import type { HalLink } from '../hal/index.js';

/** relation, path under the base URL, title, templated (undefined: the key is absent, as for pb:metrics). */
type IndexEntry = [relation: string, path: string, title: string, templated?: boolean];

/** The relations of the Ruby broker's index (docs/broker-api.md#index), including those whose resources come later. */
const INDEX_ENTRIES: IndexEntry[] = [
  ['self', '', 'Index', false],
  ['pb:publish-pact', '/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}', 'Publish a pact', true],
  ['pb:publish-contracts', '/contracts/publish', 'Publish contracts', false],
  ['pb:latest-pact-versions', '/pacts/latest', 'Latest pact versions', false],
  // templated false is what the Ruby broker says (sic); clients expand the href all the same.
  ['pb:tagged-pact-versions', '/pacts/provider/{provider}/consumer/{consumer}/tag/{tag}', 'All versions of a pact for a given consumer, provider and consumer version tag', false],
  ['pb:branch-pact-versions', '/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}', 'All versions of pacts for a provider, for a named consumers branch', true],
  ['pb:latest-branch-pact-versions', '/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}/latest/versions', 'Latest version of pact for a provider, for a named consumers branch', true],
  ['pb:main-branch-pact-versions', '/pacts/provider/{provider}/consumer/{consumer}/branch/versions', 'All versions of pacts for a provider, for a named consumers main branch', true],
  ['pb:latest-main-branch-pact-versions', '/pacts/provider/{provider}/consumer/{consumer}/branch/latest/versions', 'Latest version of pact for a provider, for a named consumers main branch', true],
  ['pb:provider-pacts-with-main-branch', '/pacts/provider/{provider}/branch', 'All pacts for a provider, for any consumers main branch', true],
  ['pb:provider-pacts-with-branch', '/pacts/provider/{provider}/branch/{branch}', 'All pacts for a provider, for any consumers named branch', true],
  ['pb:latest-provider-pacts-with-main-branch', '/pacts/provider/{provider}/branch/latest', 'Latest pact for a provider, for any consumers main branch', true],
  ['pb:latest-provider-pacts-with-branch', '/pacts/provider/{provider}/branch/{branch}/latest', 'Latest pacts for a provider, for any consumers named branch', true],
  ['pb:pacticipants', '/pacticipants', 'Pacticipants', false],
  ['pb:pacticipant', '/pacticipants/{pacticipant}', 'Fetch pacticipant by name', true],
  ['pb:latest-provider-pacts', '/pacts/provider/{provider}/latest', 'Latest pacts by provider', true],
  ['pb:latest-provider-pacts-with-tag', '/pacts/provider/{provider}/latest/{tag}', 'Latest pacts for provider with the specified tag', true],
  ['pb:provider-pacts-with-tag', '/pacts/provider/{provider}/tag/{tag}', 'All pact versions for the provider with the specified consumer version tag', true],
  ['pb:provider-pacts', '/pacts/provider/{provider}', 'All pact versions for the specified provider', true],
  ['pb:latest-version', '/pacticipants/{pacticipant}/latest-version', 'Latest pacticipant version', true],
  ['pb:latest-tagged-version', '/pacticipants/{pacticipant}/latest-version/{tag}', 'Latest pacticipant version with the specified tag', true],
  ['pb:webhooks', '/webhooks', 'Webhooks', false],
  ['pb:webhook', '/webhooks/{uuid}', 'Webhook', true],
  ['pb:integrations', '/integrations', 'Integrations', false],
  ['pb:pacticipant-version-tag', '/pacticipants/{pacticipant}/versions/{version}/tags/{tag}', 'Get, create or delete a tag for a pacticipant version', true],
  ['pb:pacticipant-branch', '/pacticipants/{pacticipant}/branches/{branch}', 'Get or delete a pacticipant branch', true],
  ['pb:pacticipant-branch-version', '/pacticipants/{pacticipant}/branches/{branch}/versions/{version}', 'Get or add/create a pacticipant version for a branch', true],
  ['pb:pacticipant-version', '/pacticipants/{pacticipant}/versions/{version}', 'Get, create or delete a pacticipant version', true],
  ['pb:metrics', '/metrics', 'Get Pact Broker metrics'],
  ['pb:can-i-deploy-pacticipant-version-to-tag', '/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}', 'Determine if an application version can be safely deployed to an environment identified by the given tag', true],
  ['pb:can-i-deploy-pacticipant-version-to-environment', '/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}', 'Determine if an application version can be safely deployed to an environment', true],
  ['pb:provider-pacts-for-verification', '/pacts/provider/{provider}/for-verification', 'Pact versions to be verified for the specified provider', true],
  ['pb:environments', '/environments', 'Environments', false],
  ['pb:environment', '/environments/{uuid}', 'Environment', true],
  // PactFlow's relation, which `pactflow publish-provider-contract` follows (issue 15).
  ['pf:publish-provider-contract', '/provider-contracts/provider/{provider}/publish', 'Publish provider contract', true],
];

/** The `_links` of `GET /`. */
export function indexLinks(baseUrl: string): Record<string, HalLink | HalLink[]> {
  const links: Record<string, HalLink | HalLink[]> = {};
  for (const [relation, path, title, templated] of INDEX_ENTRIES) {
    links[relation] = { href: baseUrl + path, title, ...(templated === undefined ? {} : { templated }) };
  }
  links['beta:provider-pacts-for-verification'] = {
    name: 'beta',
    href: `${baseUrl}/pacts/provider/{provider}/for-verification`,
    title: 'DEPRECATED - please use pb:provider-pacts-for-verification',
    templated: true,
  };
  links.curies = ['pb', 'beta'].map((name) => ({ name, href: `${baseUrl}/doc/{rel}?context=index`, templated: true }));
  return links;
}
