import type { VersionRow } from '../db/schema.js';
import type { BranchVersionOfVersion } from '../branches/branch-repository.js';
import { curies } from '../hal/hal-link.js';
import { formatTime } from '../hal/format-time.js';
import { branchVersionUrl, pacticipantUrl, pactUrl, tagUrl, versionUrl } from '../hal/urls.js';
import { urlEncode } from '../hal/url-encoding.js';
import { pactName } from '../pacts/pact-decorator.js';
import type { PactRow } from '../pacts/pact-repository.js';

export interface VersionDetails {
  pacticipantName: string;
  version: VersionRow;
  tagNames: string[];
  branchVersions: BranchVersionOfVersion[];
  pacts: PactRow[];
}

/**
 * The pacticipant version resource (broker-api.md §6.2). Environments come in a later slice, so the
 * deployment and release link arrays are empty, as the Ruby broker renders them with no environments.
 */
export function decorateVersion(details: VersionDetails, baseUrl: string): unknown {
  const { pacticipantName, version } = details;
  const self = versionUrl(baseUrl, pacticipantName, version.number);
  const branchVersions = details.branchVersions.map((branchVersion) => ({
    name: branchVersion.branchName,
    latest: branchVersion.latest,
    _links: {
      self: {
        title: 'Branch version',
        name: branchVersion.branchName,
        href: branchVersionUrl(baseUrl, pacticipantName, branchVersion.branchName, version.number),
      },
    },
  }));
  const body: Record<string, unknown> = { number: version.number };
  if (version.build_url !== null) body.buildUrl = version.build_url;
  body.createdAt = formatTime(version.created_at);
  if (version.updated_at !== version.created_at) body.updatedAt = formatTime(version.updated_at);
  body._embedded = {
    branches: branchVersions,
    branchVersions,
    tags: details.tagNames.map((name) => ({
      name,
      _links: { self: { title: 'Tag', name, href: tagUrl(baseUrl, pacticipantName, version.number, name) } },
    })),
  };
  body._links = {
    self: { title: 'Version', name: version.number, href: self },
    'pb:pacticipant': { title: 'Pacticipant', name: pacticipantName, href: pacticipantUrl(baseUrl, pacticipantName) },
    'pb:tag': { href: `${self}/tags/{tag}`, title: 'Get, create or delete a tag for this pacticipant version', templated: true },
    'pb:latest-verification-results-where-pacticipant-is-consumer': {
      title: 'Latest verification results for consumer version',
      href: `${baseUrl}/verification-results/consumer/${urlEncode(pacticipantName)}/version/${urlEncode(version.number)}/latest`,
    },
    'pb:pact-versions': [...details.pacts]
      .sort((a, b) => a.providerName.toLowerCase().localeCompare(b.providerName.toLowerCase()))
      .map((pact) => ({ title: 'Pact', name: pactName(pact), href: pactUrl(baseUrl, pact) })),
    'pb:deployed-environments': [],
    'pb:released-environments': [],
    'pb:record-deployment': [],
    'pb:record-release': [],
    curies: curies(baseUrl, 'version'),
  };
  return body;
}
