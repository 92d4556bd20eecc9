import type { VersionRow } from '../db/index.js';
import type { BranchVersionOfVersion } from '../versions/index.js';
import { versionDeploymentLinks, type VersionDeployments } from '../deployments/index.js';
import { curies, timestamps, branchVersionUrl, pacticipantUrl, pactUrl, tagUrl, versionUrl, urlEncode } from '../hal/index.js';
import { pactName } from '../pacts/index.js';
import type { PactRow } from '../pacts/index.js';

export interface VersionDetails {
  pacticipantName: string;
  version: VersionRow;
  tagNames: string[];
  branchVersions: BranchVersionOfVersion[];
  pacts: PactRow[];
  deployments: VersionDeployments;
}

/**
 * The pacticipant version resource (docs/broker-api.md#versions), field by field as the Ruby VersionDecorator
 * renders it (issue 14, item 2). `inCollection`: embedded in a versions collection, whose Ruby resource
 * passes no environments (so no `pb:record-*` links) and deployments grouped by version (so a version
 * with none has no `pb:deployed-environments`/`pb:released-environments`).
 */
export function decorateVersion(details: VersionDetails, baseUrl: string, options: { selfUrl?: string; inCollection?: boolean } = {}): Record<string, unknown> {
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
  Object.assign(body, timestamps(version));
  // The Ruby decorator declares `branch_versions` twice (`as: :branches`, then `as: :branchVersions`);
  // representable keeps only the last declaration, so the real broker embeds `branchVersions` alone.
  body._embedded = {
    branchVersions,
    tags: details.tagNames.map((name) => ({
      name,
      _links: { self: { title: 'Tag', name, href: tagUrl(baseUrl, pacticipantName, version.number, name) } },
    })),
  };
  body._links = {
    // The latest-version resources render the same body under their own URL.
    self: { title: 'Version', name: version.number, href: options.selfUrl ?? self },
    'pb:pacticipant': { title: 'Pacticipant', name: pacticipantName, href: pacticipantUrl(baseUrl, pacticipantName) },
    'pb:tag': { href: `${self}/tags/{tag}`, title: 'Get, create or delete a tag for this pacticipant version', templated: true },
    'pb:latest-verification-results-where-pacticipant-is-consumer': {
      title: 'Latest verification results for consumer version',
      href: `${baseUrl}/verification-results/consumer/${urlEncode(pacticipantName)}/version/${urlEncode(version.number)}/latest`,
    },
    'pb:pact-versions': [...details.pacts]
      .sort((a, b) => a.providerName.toLowerCase().localeCompare(b.providerName.toLowerCase()))
      .map((pact) => ({ title: 'Pact', name: pactName(pact), href: pactUrl(baseUrl, pact) })),
    ...versionDeploymentLinks(details.deployments, pacticipantName, version.number, baseUrl, options.inCollection),
    curies: curies(baseUrl, 'version'),
  };
  return body;
}
