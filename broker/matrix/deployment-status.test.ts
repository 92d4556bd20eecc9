import { describe, expect, it } from 'vitest';
import { summarizeDeploymentStatus, type MatrixIntegration, type MatrixResult } from './deployment-status.js';
import type { MatrixRow } from './matrix-rows.js';
import { describeSelector, NO_SUCH_ID, type ResolvedSelector } from './resolved-selector.js';

const FOO = 1;
const BAR = 2;

function selector(overrides: Partial<ResolvedSelector>): ResolvedSelector {
  return { pacticipantId: FOO, pacticipantName: 'Foo', type: 'specified', ignore: false, oneOfMany: false, original: {}, ...overrides };
}

const foo1 = selector({ versionId: 11, versionNumber: '1', original: { pacticipantName: 'Foo', versionNumber: '1' } });
const barInProd = selector({ pacticipantId: BAR, pacticipantName: 'Bar', versionId: 21, versionNumber: 'b1', environmentName: 'production', type: 'inferred' });

function row(success: boolean | null): MatrixRow {
  const verified = success !== null;
  return {
    consumerId: FOO,
    consumerName: 'Foo',
    consumerVersionId: 11,
    consumerVersionNumber: '1',
    consumerVersionOrder: 1,
    providerId: BAR,
    providerName: 'Bar',
    providerVersionId: verified ? 21 : null,
    providerVersionNumber: verified ? 'b1' : null,
    providerVersionOrder: verified ? 1 : null,
    pactPublicationId: 1,
    pactRevisionNumber: 1,
    pactCreatedAt: '2024-01-01T00:00:00.000Z',
    sha: 'abc',
    verificationId: verified ? 1 : null,
    verificationNumber: verified ? 1 : null,
    success,
    verificationExecutedAt: verified ? '2024-01-01T00:00:00.000Z' : null,
  };
}

const fooNeedsBar: MatrixIntegration = { consumerId: FOO, consumerName: 'Foo', providerId: BAR, providerName: 'Bar', required: true };

function result(overrides: Partial<MatrixResult>): MatrixResult {
  return {
    selectors: [foo1, barInProd],
    ignoreSelectors: [],
    considered: [],
    ignored: [],
    integrations: [fooNeedsBar],
    options: { limit: '100', ignoreSelectors: [], environmentName: 'production' },
    ...overrides,
  };
}

const NO_ENVIRONMENT_WARNING = 'WARN: It is recommended to specify the environment into which you are deploying. Without the environment, this result will not be reliable.';

describe('summarizeDeploymentStatus', () => {
  it.each([
    ['a successful row', result({ considered: [row(true)] }), true, [['success', 'All required verification results are published and successful']], { success: 1, failed: 0, unknown: 0 }],
    [
      'a failed row',
      result({ considered: [row(true), row(false)] }),
      false,
      [['error', 'The verification for the pact between version 1 of Foo and the version of Bar currently in production (b1) failed']],
      { success: 1, failed: 1, unknown: 0 },
    ],
    [
      'an unverified row',
      result({ considered: [row(null)] }),
      null,
      [['error', 'There is no verified pact between version 1 of Foo and the version of Bar currently in production (b1)']],
      { success: 0, failed: 0, unknown: 1 },
    ],
    [
      'a required integration without a row',
      result({}),
      null,
      [['error', 'There is no verified pact between version 1 of Foo and the version of Bar currently in production (b1)']],
      { success: 0, failed: 0, unknown: 1 },
    ],
    [
      'no integrations at all',
      result({ selectors: [foo1], integrations: [] }),
      true,
      [['success', 'There are no missing dependencies']],
      { success: 0, failed: 0, unknown: 0 },
    ],
    [
      'a specified version that does not exist, whatever the rows say',
      result({ selectors: [{ ...foo1, versionId: NO_SUCH_ID, versionNumber: '9' }, barInProd], considered: [row(true)] }),
      false,
      [['error', 'No pacts or verifications have been published for version 9 of Foo']],
      { success: 1, failed: 0, unknown: 0 },
    ],
    [
      'an ignored failing row and an ignore selector naming nothing',
      result({
        ignored: [row(false)],
        ignoreSelectors: [
          selector({ pacticipantId: BAR, pacticipantName: 'Bar', type: 'ignored', original: { pacticipantName: 'Bar' } }),
          selector({ pacticipantId: NO_SUCH_ID, pacticipantName: 'Nobody', type: 'ignored', original: { pacticipantName: 'Nobody' } }),
        ],
      }),
      true,
      [
        ['warning', 'WARN: Cannot ignore any version of Nobody (no such pacticipant exists)'],
        ['success', 'There are no missing dependencies'],
      ],
      { success: 0, failed: 0, unknown: 0, ignored: 1 },
    ],
    [
      'one selector and no destination',
      result({ selectors: [foo1, { ...barInProd, environmentName: undefined, latest: true }], considered: [row(true)], options: { limit: '100', ignoreSelectors: [], latest: true } }),
      true,
      [['warning', NO_ENVIRONMENT_WARNING], ['success', 'All required verification results are published and successful']],
      { success: 1, failed: 0, unknown: 0 },
    ],
  ])('%s', (_, input, deployable, reasons, counts) => {
    const status = summarizeDeploymentStatus(input);
    expect(status.deployable).toBe(deployable);
    expect(status.reasons.map((reason) => [reason.type, reason.text])).toEqual(reasons);
    expect(status.counts).toEqual(counts);
  });

  it('warns when no specified selector names a version number', () => {
    const byBranch = selector({ versionId: 11, versionNumber: '1', branch: 'main', original: { pacticipantName: 'Foo', branch: 'main' } });
    const texts = summarizeDeploymentStatus(result({ selectors: [byBranch, barInProd], considered: [row(true)] })).reasons.map((reason) => reason.text);
    expect(texts[0]).toMatch(/^WARN: It is recommended to specify the version number \(rather than the tag or branch\)/);
  });
});

describe('describeSelector', () => {
  it.each([
    [{ versionNumber: '1', versionId: 1 }, 'version 1 of Foo'],
    [{ versionNumber: '9', versionId: NO_SUCH_ID }, 'version 9 of Foo (no such version exists)'],
    [{ latest: true, tag: 'prod', versionNumber: '5' }, 'the latest version of Foo with tag prod (5)'],
    [{ latest: true, tag: 'prod' }, 'the latest version of Foo with tag prod (no such version exists)'],
    [{ latest: true, mainBranch: true }, 'the latest version of Foo from the main branch (no versions exist for this branch)'],
    [{ latest: true, mainBranch: true, branch: 'main', versionNumber: '3' }, 'the latest version of Foo from branch main (3)'],
    [{ branch: 'main', versionNumber: '3', oneOfMany: true }, 'one of the versions of Foo from branch main (3)'],
    [{ branch: 'main', versionNumber: '3' }, 'the version of Foo from branch main (3)'],
    [{ latest: true, versionNumber: '3' }, 'the latest version of Foo (3)'],
    [{ tag: 'dev', versionNumber: '3' }, 'a version of Foo with tag dev (3)'],
    [{ environmentName: 'production', versionNumber: '5', oneOfMany: true }, 'one of the versions of Foo currently in production (5)'],
    [
      { environmentName: 'production' },
      'a version of Foo currently in production (no version is currently recorded as deployed/released in this environment)',
    ],
    [{}, 'any version of Foo'],
    [{ pacticipantId: NO_SUCH_ID }, 'any version of Foo (no such pacticipant exists)'],
  ])('%j → %s', (overrides, description) => {
    expect(describeSelector(selector(overrides))).toBe(description);
  });
});
