import type { BranchRow, BranchVersionRow, VersionRow } from '../db/index.js';
import { timestamps, branchUrl, branchVersionUrl, pacticipantUrl, versionUrl } from '../hal/index.js';
import type { HalLink } from '../hal/index.js';
import { paginationParts, type Page } from '../http/index.js';

/** The branch resource (the Ruby broker's BranchDecorator). */
export function decorateBranch(pacticipantName: string, branch: BranchRow, baseUrl: string): Record<string, unknown> {
  const self = branchUrl(baseUrl, pacticipantName, branch.name);
  return {
    name: branch.name,
    ...timestamps(branch),
    _links: {
      self: { title: 'Branch', href: self },
      'pb:latest-version': { title: 'Latest version for branch', href: `${self}/latest-version` },
    },
  };
}

/** `GET /pacticipants/{p}/branches`: always a page (the Ruby broker defaults to page 1 of 100). */
export function decorateBranches(pacticipantName: string, page: Page<BranchRow>, baseUrl: string): unknown {
  const selfUrl = `${pacticipantUrl(baseUrl, pacticipantName)}/branches`;
  const pagination = paginationParts(page, selfUrl);
  const links: Record<string, HalLink | HalLink[]> = {
    self: { title: `${pacticipantName} branches`, href: selfUrl },
    'pb:branches': page.items.map((branch) => ({ name: branch.name, href: branchUrl(baseUrl, pacticipantName, branch.name) })),
    ...pagination.links,
  };
  return {
    page: pagination.page,
    _embedded: { branches: page.items.map((branch) => decorateBranch(pacticipantName, branch, baseUrl)) },
    _links: links,
  };
}

/** The branch version resource (the Ruby broker's BranchVersionDecorator). */
export function decorateBranchVersion(pacticipantName: string, branchVersion: BranchVersionRow, version: VersionRow, baseUrl: string): unknown {
  const branchName = branchVersion.branch_name;
  return {
    ...timestamps(branchVersion),
    _links: {
      self: { title: 'Branch version', href: branchVersionUrl(baseUrl, pacticipantName, branchName, version.number) },
      'pb:branch': { title: 'Branch', name: branchName, href: branchUrl(baseUrl, pacticipantName, branchName) },
      'pb:version': { title: 'Version', name: version.number, href: versionUrl(baseUrl, pacticipantName, version.number) },
    },
  };
}
