import { pacticipantUrl, urlEncode } from '../hal/index.js';
import { paginationParts, type Page } from '../http/index.js';
import type { IntegrationRow } from './integration-repository.js';

/** `/integrations/provider/{p}/consumer/{c}` (RB `integration_url`). */
export const integrationUrl = (baseUrl: string, consumerName: string, providerName: string) =>
  `${baseUrl}/integrations/provider/${urlEncode(providerName)}/consumer/${urlEncode(consumerName)}`;

/** The path of `/x/provider/{p}/consumer/{c}` under `baseUrl`. */
const pairUrl = (baseUrl: string, root: string, { consumerName, providerName }: IntegrationRow) =>
  `${baseUrl}/${root}/provider/${urlEncode(providerName)}/consumer/${urlEncode(consumerName)}`;

/**
 * One integration: RB `integration_decorator.rb`. Its `pb:matrix` href is relative there (`matrix_url`
 * ignores the base URL); ours carries the base URL, so that it also works through the gateway's
 * `/t/<tenant>` path form. `pb:group` is the consumer's pacticipant resource, as RB `group_url` makes it.
 */
export function decorateIntegration(integration: IntegrationRow, baseUrl: string): unknown {
  const { consumerName, providerName } = integration;
  return {
    consumer: { name: consumerName },
    provider: { name: providerName },
    _links: {
      'pb:dashboard': { title: 'BETA: Pacts to show on the dashboard', href: pairUrl(baseUrl, 'dashboard', integration) },
      'pb:matrix': { title: `Matrix of pacts/verification results for ${consumerName} and ${providerName}`, href: pairUrl(baseUrl, 'matrix', integration) },
      'pb:group': { href: pacticipantUrl(baseUrl, consumerName) },
      'pb:delete_integration': {
        title: `Delete the integration between ${consumerName} and ${providerName}`,
        href: integrationUrl(baseUrl, consumerName, providerName),
      },
    },
  };
}

/** `GET /integrations` as HAL: RB `integrations_decorator.rb`, with `page` and next/previous only when a page was asked for. */
export function decorateIntegrations(integrations: readonly IntegrationRow[], baseUrl: string, page: Page<unknown> | undefined): unknown {
  const selfUrl = `${baseUrl}/integrations`;
  const pagination = page && paginationParts(page, selfUrl);
  return {
    ...(pagination ? { page: pagination.page } : {}),
    _embedded: { integrations: integrations.map((integration) => decorateIntegration(integration, baseUrl)) },
    _links: { self: { href: selfUrl, title: 'All integrations' }, ...pagination?.links },
  };
}

/** `GET /integrations` as `text/vnd.graphviz`: RB `integrations_dot_renderer.rb`, spaces in names as underscores. */
export function integrationsDot(integrations: readonly IntegrationRow[]): string {
  const escape = (name: string) => name.replaceAll(' ', '_');
  const edges = integrations.map(({ consumerName, providerName }) => `  ${escape(consumerName)} -> ${escape(providerName)}`).join('\n');
  return `digraph { ranksep=3; ratio=auto; overlap=false; node [  shape = plaintext, fontname = Helvetica ];\n${edges}\n}\n`;
}
