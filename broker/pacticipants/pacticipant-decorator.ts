import { curies, type HalLink, timestamps, pacticipantsUrl, pacticipantUrl, versionUrl } from '../hal/index.js';
import type { PacticipantRow } from '../db/index.js';
import { paginationParts, type Page } from '../http/index.js';
import { decorateEmbeddedLabel } from './label-decorator.js';

/** A pacticipant with the number of its latest version, if it has any. */
export interface PacticipantWithLatestVersion {
  pacticipant: PacticipantRow;
  latestVersionNumber: string | undefined;
  /** The pacticipant's label names (issue 14), embedded as `_embedded.labels`. */
  labels: readonly string[];
  /**
   * `pb:deployed-environments`: rendered on the pacticipant resource only (the Ruby broker's list
   * passes no deployed versions, so the relation is absent there).
   */
  deployedEnvironments?: HalLink[];
}

/** The pacticipant resource (docs/broker-api.md#pacticipants): null properties omitted, updatedAt only when it differs. */
export function decoratePacticipant({ pacticipant, latestVersionNumber, labels, deployedEnvironments }: PacticipantWithLatestVersion, baseUrl: string): Record<string, unknown> {
  const self = pacticipantUrl(baseUrl, pacticipant.name);
  const body: Record<string, unknown> = { name: pacticipant.name };
  const optional: Record<string, string | null> = {
    displayName: pacticipant.display_name,
    repositoryUrl: pacticipant.repository_url,
    repositoryName: pacticipant.repository_name,
    repositoryNamespace: pacticipant.repository_namespace,
    mainBranch: pacticipant.main_branch,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== null) body[key] = value;
  Object.assign(body, timestamps(pacticipant));
  body._embedded = {
    labels: labels.map((label) => decorateEmbeddedLabel(label, pacticipant.name, baseUrl)),
    ...embeddedLatestVersion(pacticipant.name, latestVersionNumber, baseUrl),
  };
  body._links = pacticipantLinks(pacticipant.name, self, baseUrl, deployedEnvironments);
  return body;
}

/** `GET /pacticipants`: the collection plus the deprecated top-level `pacticipants` the CLI's list reads. */
export function decoratePacticipants(entries: readonly PacticipantWithLatestVersion[], baseUrl: string): unknown {
  const collection = decoratePacticipantCollection(entries, baseUrl);
  return {
    ...collection,
    pacticipants: collection._embedded.pacticipants.map((pacticipant) => ({
      ...pacticipant,
      title: 'DEPRECATED - Please use the embedded pacticipants collection',
    })),
  };
}

/**
 * RB `pacticipants_decorator.rb` (`GET /pacticipants/label/{l}` uses it alone): `page` and
 * next/previous under `resourceUrl` only when a page was asked for.
 */
export function decoratePacticipantCollection(
  entries: readonly PacticipantWithLatestVersion[],
  baseUrl: string,
  paging?: { page: Page<unknown>; resourceUrl: string },
): { _embedded: { pacticipants: Record<string, unknown>[] }; [key: string]: unknown } {
  const href = (entry: PacticipantWithLatestVersion) => pacticipantUrl(baseUrl, entry.pacticipant.name);
  const pagination = paging && paginationParts(paging.page, paging.resourceUrl);
  return {
    ...(pagination ? { page: pagination.page } : {}),
    _embedded: { pacticipants: entries.map((entry) => decoratePacticipant(entry, baseUrl)) },
    _links: {
      self: { href: pacticipantsUrl(baseUrl) },
      ...pagination?.links,
      'pb:pacticipants-with-label': { title: 'Find pacticipants by label', href: `${pacticipantsUrl(baseUrl)}/label/{label}`, templated: true },
      'pb:pacticipants': entries.map((entry) => ({ href: href(entry), title: 'Pacticipant', name: entry.pacticipant.name })),
      pacticipants: entries.map((entry) => ({ href: href(entry), title: entry.pacticipant.name, name: 'DEPRECATED - please use pb:pacticipants' })),
    },
  };
}

function embeddedLatestVersion(name: string, latestVersionNumber: string | undefined, baseUrl: string): Record<string, unknown> {
  const embedded: Record<string, unknown> = {};
  if (latestVersionNumber === undefined) return embedded;
  const version = {
    number: latestVersionNumber,
    _links: { self: { title: 'Version', name: latestVersionNumber, href: versionUrl(baseUrl, name, latestVersionNumber) } },
  };
  const deprecation = 'DEPRECATED - please use latestVersion';
  embedded.latestVersion = version;
  embedded['latest-version'] = { ...version, title: deprecation, name: deprecation };
  return embedded;
}

function pacticipantLinks(name: string, self: string, baseUrl: string, deployedEnvironments: HalLink[] | undefined): Record<string, HalLink | HalLink[]> {
  return {
    self: { href: self },
    'pb:versions': { href: `${self}/versions` },
    'pb:branches': { href: `${self}/branches` },
    ...(deployedEnvironments === undefined ? {} : { 'pb:deployed-environments': deployedEnvironments }),
    'pb:version': { title: 'Get, create or delete a pacticipant version', href: `${self}/versions/{version}`, templated: true },
    'pb:version-tag': { title: `Get, create or delete a tag for a version of ${name}`, href: `${self}/versions/{version}/tags/{tag}`, templated: true },
    'pb:branch-version': {
      title: `Get or add/create a version for a branch of ${name}`,
      href: `${self}/branches/{branch}/versions/{version}`,
      templated: true,
    },
    'pb:label': { title: `Get, create or delete a label for ${name}`, href: `${self}/labels/{label}`, templated: true },
    versions: { title: 'Deprecated - use pb:versions', href: `${self}/versions` },
    'pb:can-i-deploy-badge': {
      title: `Can I Deploy ${name} badge`,
      href: `${self}/latest-version/{tag}/can-i-deploy/to/{environmentTag}/badge`,
      templated: true,
    },
    'pb:can-i-deploy-branch-to-environment-badge': {
      title: `Can I Deploy ${name} from branch to environment badge`,
      href: `${self}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}/badge`,
      templated: true,
    },
    curies: curies(baseUrl, 'pacticipant'),
  };
}
