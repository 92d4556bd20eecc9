import { describe, expect, it } from 'vitest';
import type { ResolvedSelector, Selector } from './selector.js';
import { buildNotices, shortDescription } from './verifiable-pact-messages.js';
import type { VerifiablePact } from './verifiable-pact.js';

const version = { id: 7, number: '1234', order: 1 };
const at = (selector: Selector, extra: Partial<ResolvedSelector> = {}): ResolvedSelector => ({ ...selector, consumerVersion: version, ...extra });
const test = { name: 'test', production: false };
const prod = { name: 'prod', production: true };

function pact(selectors: ResolvedSelector[], status: Partial<VerifiablePact> = {}): VerifiablePact {
  return {
    pact: { consumerId: 1, consumerName: 'Foo', consumerMainBranch: 'main', providerName: 'Bar', consumerVersionNumber: '1234', consumerVersionOrder: 1, pactVersionId: 1, sha: 's' },
    selectors,
    pending: false,
    pendingProviderTags: [],
    nonPendingProviderTags: [],
    providerBranch: undefined,
    wip: false,
    ...status,
  };
}

const texts = (p: VerifiablePact) => buildNotices(p, 'http://pact', true).map((notice) => notice.text);

// Texts from the Ruby broker's verifiable_pact_messages_spec.rb.
describe('verifiable pact messages', () => {
  it.each<[string, VerifiablePact, string]>([
    ['overall latest', pact([at({ latest: true })]), 'latest version of a consumer that has a pact with Bar (1234)'],
    ['latest for a tag and consumer', pact([at({ latest: true, tag: 'prod', consumer: 'Foo' })]), "latest version of Foo tagged 'prod' (1234)"],
    ['the fallback tag', pact([at({ latest: true, tag: 'feat-x', fallbackTag: 'master' })]), "latest version tagged 'master' (fallback tag used as no pact was found with tag 'feat-x') (1234)"],
    ['the main branch', pact([at({ mainBranch: true })]), "latest version from the main branch 'main' (1234)"],
    ['all of a tag and consumer', pact([at({ tag: 'prod', consumer: 'Foo' })]), "all Foo versions tagged 'prod' (1234)"],
    ['an environment', pact([at({ environmentName: 'test' }, { environment: test })]), 'a consumer version in environment test (1234)'],
    [
      'deployed to several environments',
      pact([at({ currentlyDeployed: true, environmentName: 'prod' }, { environment: prod }), at({ currentlyDeployed: true }, { environment: test })]),
      'consumer version(s) currently deployed to test (1234) and prod (1234)',
    ],
    ['released', pact([at({ currentlySupported: true, consumer: 'Foo' }, { environment: test })]), 'version(s) of Foo released and supported in test (1234)'],
  ])('describes %s', (_, verifiable, line) => {
    expect(texts(verifiable)[0]).toContain(`\n    * ${line}`);
  });

  it('says "criteria" and lists each line for several selectors, with their short forms', () => {
    const verifiable = pact([at({ latest: true, branch: 'main' }), at({ latest: true, tag: 'prod' })]);
    expect(texts(verifiable)[0]).toBe(
      "The pact at http://pact is being verified because the pact content belongs to the consumer versions matching the following criteria:\n    * latest version from branch 'main' (1234)\n    * latest version tagged 'prod' (1234)",
    );
    expect(shortDescription(verifiable)).toBe('latest from branch main, latest with tag prod');
  });

  it('words a WIP pact of branches and tags', () => {
    const selectors = [{ branch: 'feat-x' }, { branch: 'feat-y' }, { tag: 'feat-z' }, { tag: 'feat-w' }].map((selector) => at({ latest: true, ...selector }));
    const verifiable = pact(selectors, {
      wip: true,
      pending: true,
      pendingProviderTags: ['dev'],
    });
    expect(texts(verifiable).slice(0, 2)).toEqual([
      "The pact at http://pact is being verified because it is a 'work in progress' pact (ie. it is the pact for the latest versions of Foo from branches 'feat-x' and 'feat-y' and tagged with 'feat-z' and 'feat-w' (all have the same content) and it has not yet been successfully verified by a version of Bar with tag 'dev' when the pact's application version was explicitly specified in the consumer version selectors). Read more at https://docs.pact.io/go/wip",
      "This pact is in pending state for this version of Bar because it was included as a 'work in progress' pact. If this verification fails, it will not cause the overall build to fail. Read more at https://docs.pact.io/go/pending",
    ]);
  });

  it.each<[string, Partial<VerifiablePact>, string]>([
    ['pending for two tags', { pending: true, pendingProviderTags: ['dev', 'feat-x'] }, "a successful verification result for a versions of Bar with tag 'dev' and 'feat-x' has not yet been published"],
    ['not pending for a tag', { nonPendingProviderTags: ['dev'] }, "This pact has previously been successfully verified by a version of Bar with tag 'dev'. If this verification fails, it will fail the build."],
    ['not pending, by branch rather than tags', { providerBranch: 'main', nonPendingProviderTags: ['dev'] }, "previously been successfully verified by a version of Bar from branch 'main'."],
    ['pending with neither', { pending: true }, 'a successful verification result for Bar has not yet been published'],
  ])('gives the pending reason when %s', (_, status, text) => {
    expect(texts(pact([at({ latest: true })], status))[1]).toContain(text);
  });

  it('adds the four after-verification notices only to pending pacts, naming the tags', () => {
    const notices = buildNotices(pact([at({ latest: true })], { pending: true, pendingProviderTags: ['dev'] }), 'http://pact', true);
    expect(notices.map((notice) => notice.when)).toEqual([
      'before_verification',
      'before_verification',
      'after_verification:success_true_published_false',
      'after_verification:success_false_published_false',
      'after_verification:success_true_published_true',
      'after_verification:success_false_published_true',
    ]);
    expect(notices[2]?.text).toBe("This pact is still in pending state for any version of Bar with tag 'dev' as the successful verification results with this tag have not yet been published.");
    expect(buildNotices(pact([at({ latest: true })]), 'http://pact', true)).toHaveLength(2);
  });
});
