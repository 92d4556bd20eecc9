import { contractPairUrl, formatTime, timestamps, branchVersionUrl, pacticipantUrl, pactUrl, tagUrl, versionUrl } from '../hal/index.js';
import { environmentDisplayName, environmentUrl } from '../environments/index.js';
import { CROSS_CONTRACT_VERIFIER, verificationUrl } from '../verifications/index.js';
import type { DeploymentStatus } from './deployment-status.js';
import type { MatrixRow } from './matrix-rows.js';
import type { VersionFacts } from './selector-repository.js';

export interface DecoratedMatrix {
  considered: readonly MatrixRow[];
  ignored: readonly MatrixRow[];
  status: DeploymentStatus;
  versionFacts: ReadonlyMap<number, VersionFacts>;
}

/** `GET /matrix` and `/can-i-deploy` (docs/broker-api.md#matrix-answer, `matrix_decorator.rb`): summary, notices, then the rows, ignored ones last. */
export function decorateMatrix({ considered, ignored, status, versionFacts }: DecoratedMatrix, baseUrl: string): unknown {
  const row = (line: MatrixRow) => decorateRow(line, versionFacts, baseUrl);
  return {
    summary: { deployable: status.deployable, reason: status.reasons.map((reason) => reason.text).join('\n'), ...status.counts },
    notices: status.reasons.map((reason) => ({ type: reason.type, text: reason.text })),
    matrix: [...considered.map(row), ...ignored.map((line) => ({ ...row(line), ignored: true }))],
  };
}

function decorateRow(row: MatrixRow, facts: ReadonlyMap<number, VersionFacts>, baseUrl: string): Record<string, unknown> {
  const { consumerName, providerName } = row;
  const consumerVersion = decorateVersion(consumerName, row.consumerVersionNumber, facts.get(row.consumerVersionId), baseUrl);
  const providerVersion =
    row.providerVersionId === null || row.providerVersionNumber === null
      ? null
      : decorateVersion(providerName, row.providerVersionNumber, facts.get(row.providerVersionId), baseUrl);
  return {
    consumer: { name: consumerName, version: consumerVersion, _links: { self: { href: pacticipantUrl(baseUrl, consumerName) } } },
    provider: { name: providerName, version: providerVersion, _links: { self: { href: pacticipantUrl(baseUrl, providerName) } } },
    pact: {
      createdAt: formatTime(row.pactCreatedAt),
      _links: { self: { href: pactUrl(baseUrl, { consumerName, providerName, consumerVersionNumber: row.consumerVersionNumber }) } },
    },
    verificationResult: verificationResult(row, baseUrl),
  };
}

function verificationResult(row: MatrixRow, baseUrl: string): Record<string, unknown> | null {
  if (row.success === null || row.verificationNumber === null || row.verificationExecutedAt === null) return null;
  const coordinates = { consumerName: row.consumerName, providerName: row.providerName, sha: row.sha, number: row.verificationNumber };
  return {
    success: row.success,
    verifiedAt: formatTime(row.verificationExecutedAt),
    _links: {
      self: { href: verificationUrl(baseUrl, coordinates, row.consumerVersionNumber) },
      // A cross-contract comparison's result links PactFlow's resource of the pair (team issue 15).
      ...(row.verifiedBy === CROSS_CONTRACT_VERIFIER && row.providerVersionNumber !== null
        ? { 'pf:cross-contract-verification-results': { title: 'Cross-contract verification results', href: `${contractPairUrl(baseUrl, { ...row, providerVersionNumber: row.providerVersionNumber })}/cross-contract-verification-results` } }
        : {}),
    },
  };
}

function decorateVersion(pacticipantName: string, number: string, facts: VersionFacts | undefined, baseUrl: string): Record<string, unknown> {
  const branchVersions = (facts?.branchVersions ?? []).map((branchVersion) => ({
    name: branchVersion.branchName,
    latest: branchVersion.latest,
    _links: {
      self: { title: 'Branch version', name: branchVersion.branchName, href: branchVersionUrl(baseUrl, pacticipantName, branchVersion.branchName, number) },
    },
  }));
  return {
    number,
    branch: facts?.branchVersions.at(-1)?.branchName ?? null,
    branches: branchVersions,
    branchVersions,
    environments: (facts?.environments ?? []).map((environment) => ({
      uuid: environment.uuid,
      name: environment.name,
      displayName: environmentDisplayName(environment),
      production: environment.production === 1,
      ...timestamps(environment),
      _links: { self: { title: 'Environment', name: environment.name, href: environmentUrl(baseUrl, environment.uuid) } },
    })),
    _links: { self: { href: versionUrl(baseUrl, pacticipantName, number) } },
    tags: (facts?.tags ?? []).map((tag) => ({
      name: tag.name,
      latest: tag.latest,
      _links: { self: { href: tagUrl(baseUrl, pacticipantName, number, tag.name) } },
    })),
  };
}
