import { curies, type HalLink, formatTime, urlEncode, integrationPactsUrl, latestPactUrl, pacticipantUrl, pactUrl, pactVersionUrl, versionUrl } from '../hal/index.js';
import { isObject } from '../http/index.js';
import type { PactRow, PactRowWithContent } from './pact-repository.js';
import { generatePactJson, parsePactJson } from './ruby-json.js';

export interface PactDecoration {
  /** The encoded metadata of the URL the pact was fetched through, carried into the verification results link. */
  metadata?: string;
  /** Consumer versions named by that metadata (pact-version URLs only). */
  consumerVersionNumbers?: string[];
}

/** `Pact between C (v) and P`. */
export function pactName(pact: Pick<PactRow, 'consumerName' | 'consumerVersionNumber' | 'providerName'>): string {
  return `Pact between ${pact.consumerName} (${pact.consumerVersionNumber}) and ${pact.providerName}`;
}

/** What a pact's answer is made of: its stored document and what the broker adds (plain data, for a worker thread). */
export interface PactRendering {
  content: string;
  createdAt: string;
  links: Record<string, HalLink | HalLink[]>;
}

export function pactRendering(pact: PactRowWithContent, baseUrl: string, decoration: PactDecoration = {}): PactRendering {
  return { content: pact.content, createdAt: formatTime(pact.createdAt), links: pactLinks(pact, baseUrl, decoration) };
}

/**
 * The stored pact document merged with `createdAt` and the broker's `_links` (docs/broker-api.md#the-pact-document-and-its-metadata), as
 * JSON text. Parsing and serializing a big pact takes a fifth of a second: it runs in a worker thread (issue 11).
 */
export function renderPact({ content, createdAt, links }: PactRendering): string {
  const document = parsePactJson(content);
  return generatePactJson(isObject(document) ? { ...document, createdAt, _links: links } : document);
}

function pactLinks(pact: PactRowWithContent, baseUrl: string, decoration: PactDecoration): Record<string, HalLink | HalLink[]> {
  const { consumerName, providerName, consumerVersionNumber, sha } = pact;
  const integration = integrationPactsUrl(baseUrl, consumerName, providerName);
  const self = pactUrl(baseUrl, pact);
  const consumerVersion = versionUrl(baseUrl, consumerName, consumerVersionNumber);
  const permalink = pactVersionUrl(baseUrl, pact);
  const metadataPart = decoration.metadata ? `/metadata/${decoration.metadata}` : '';
  const links: Record<string, HalLink | HalLink[]> = {
    self: { title: 'Pact', name: pactName(pact), href: self },
    'pb:consumer': { title: 'Consumer', name: consumerName, href: pacticipantUrl(baseUrl, consumerName) },
    'pb:consumer-version': { title: 'Consumer version', name: consumerVersionNumber, href: consumerVersion },
  };
  if (decoration.consumerVersionNumbers) {
    links['pb:consumer-versions'] = decoration.consumerVersionNumbers.map((number) => ({
      title: 'Consumer version',
      name: number,
      href: versionUrl(baseUrl, consumerName, number),
    }));
  }
  Object.assign(links, {
    'pb:provider': { title: 'Provider', name: providerName, href: pacticipantUrl(baseUrl, providerName) },
    'pb:pact-version': { title: 'Pact content version permalink', name: sha, href: permalink },
    'pb:latest-pact-version': { title: 'Latest version of this pact', href: latestPactUrl(baseUrl, consumerName, providerName) },
    'pb:all-pact-versions': { title: 'All versions of this pact', href: `${integration}/versions` },
    'pb:latest-untagged-pact-version': { title: 'Latest untagged version of this pact', href: `${integration}/latest-untagged` },
    'pb:latest-tagged-pact-version': { title: 'Latest tagged version of this pact', href: `${integration}/latest/{tag}`, templated: true },
    'pb:previous-distinct': { title: 'Previous distinct version of this pact', href: `${self}/previous-distinct` },
    'pb:diff-previous-distinct': { title: 'Diff with previous distinct version of this pact', href: `${self}/diff/previous-distinct` },
    'pb:diff': { title: 'Diff with another specified version of this pact', href: `${permalink}/diff/pact-version/{pactVersion}`, templated: true },
    'pb:pact-webhooks': {
      title: `Webhooks for the pact between ${consumerName} and ${providerName}`,
      href: `${baseUrl}/webhooks/provider/${urlEncode(providerName)}/consumer/${urlEncode(consumerName)}`,
    },
    // The Ruby broker defines this relation twice; the second definition, naming the provider, wins.
    'pb:consumer-webhooks': { title: `Webhooks for all pacts with provider ${providerName}`, href: `${baseUrl}/webhooks/consumer/${urlEncode(providerName)}` },
    'pb:tag-prod-version': { title: "PUT to this resource to tag this consumer version as 'production'", href: `${consumerVersion}/tags/prod` },
    'pb:tag-version': { title: 'PUT to this resource to tag this consumer version', href: `${consumerVersion}/tags/{tag}` },
    'pb:publish-verification-results': { title: 'Publish verification results', href: `${integration}/pact-version/${sha}${metadataPart}/verification-results` },
    'pb:latest-verification-results': { href: `${permalink}/verification-results/latest` },
    'pb:triggered-webhooks': { title: 'Webhooks triggered by the publication of this pact', href: `${self}/triggered-webhooks` },
    'pb:matrix-for-consumer-version': {
      title: 'View matrix rows for the consumer version to which this pact belongs',
      href: `${baseUrl}/matrix?${matrixQuery(consumerName, consumerVersionNumber)}`,
    },
    curies: curies(baseUrl, 'pact'),
  });
  return links;
}

/** Rack's nested query for `{q: [{pacticipant, version}], latestby: "cvpv"}`. */
function matrixQuery(pacticipant: string, version: string): string {
  const form = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `${form('q[][pacticipant]')}=${form(pacticipant)}&${form('q[][version]')}=${form(version)}&latestby=cvpv`;
}
