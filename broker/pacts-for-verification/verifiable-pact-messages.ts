import {
  compareResolvedSelectors,
  isAllForTag,
  isLatestForBranch,
  isLatestForMainBranch,
  isLatestForTag,
  isOverallLatest,
  type ResolvedSelector,
} from './selector.js';
import { unique, type VerifiablePact } from './verifiable-pact.js';

/**
 * The texts of a verifiable pact: its short description and the notices the verifier prints, worded
 * as the Ruby broker's `verifiable_pact_messages.rb` and ordered as `build_verifiable_pact_notices.rb`.
 */

const READ_MORE_PENDING = 'Read more at https://docs.pact.io/go/pending';
const READ_MORE_WIP = 'Read more at https://docs.pact.io/go/wip';

/** A notice the verifier prints `when` it applies: before verifying, or after, by result and publication. */
export interface VerificationNotice {
  when: string;
  text: string;
}

/** `shortDescription`: the short form of each selector, joined. */
export function shortDescription(pact: VerifiablePact): string {
  return pact.selectors.map(shortSelectorDescription).join(', ');
}

function shortSelectorDescription(s: ResolvedSelector): string {
  if (isOverallLatest(s)) return 'latest';
  if (isLatestForTag(s)) return `latest with tag ${s.fallbackTag ?? s.tag}`;
  if (isLatestForMainBranch(s)) return 'latest from main branch';
  if (isLatestForBranch(s)) return `latest from branch ${s.fallbackBranch ?? s.branch}`;
  if (isAllForTag(s)) return s.consumer ? `one of ${s.consumer} ${s.tag}` : `one of ${s.tag}`;
  if (s.currentlyDeployed) return `deployed to ${s.environment?.name}`;
  if (s.currentlySupported) return `released in ${s.environment?.name}`;
  // The Ruby broker prints the selector as JSON here; a name reads better and carries the same facts.
  return `in environment ${s.environment?.name}`;
}

/** The notices, `pactUrl` being the pact-version URL they name. */
export function buildNotices(pact: VerifiablePact, pactUrl: string, includePendingStatus: boolean): VerificationNotice[] {
  const notices: VerificationNotice[] = [{ when: 'before_verification', text: inclusionReason(pact, pactUrl) }];
  if (!includePendingStatus) return notices;
  notices.push({ when: 'before_verification', text: pendingReason(pact) });
  if (!pact.pending) return notices;
  const provider = pact.pact.providerName;
  const pendingFor = pendingProviderDescription(pact, 'any');
  const withTags = ['', 'with this tag '][pact.pendingProviderTags.length] ?? 'with these tags ';
  const stillPending = `This pact is still in pending state for ${pendingFor} as a successful verification result ${withTags}has not yet been published`;
  notices.push(
    {
      when: 'after_verification:success_true_published_false',
      text: `This pact is still in pending state for ${pendingFor} as the successful verification results ${withTags}have not yet been published.`,
    },
    { when: 'after_verification:success_false_published_false', text: stillPending },
    {
      when: 'after_verification:success_true_published_true',
      text: `This pact is no longer in pending state for ${pendingFor}, as a successful verification result ${withTags}has been published. If a verification for a version of ${provider} ${withTags}fails in the future, it will fail the build. ${READ_MORE_PENDING}`,
    },
    { when: 'after_verification:success_false_published_true', text: stillPending },
  );
  return notices;
}

function inclusionReason(pact: VerifiablePact, pactUrl: string): string {
  const { selectors } = pact;
  const tags = unique(selectors.filter((s) => isLatestForTag(s)).map((s) => s.tag as string));
  const branches = unique(selectors.filter((s) => isLatestForBranch(s)).map((s) => s.branch as string));
  if (pact.wip) {
    const versions = tags.length === 1 || branches.length === 1 ? 'version' : 'versions';
    const parts = [];
    if (branches.length > 0) parts.push(`from ${branches.length === 1 ? 'branch' : 'branches'} ${joinQuoted(branches)}`);
    if (tags.length > 0) parts.push(`tagged with ${joinQuoted(tags)}`);
    const sameContent = ['', '', ' (both have the same content)'][selectors.length] ?? ' (all have the same content)';
    return `The pact at ${pactUrl} is being verified because it is a 'work in progress' pact (ie. it is the pact for the latest ${versions} of ${pact.pact.consumerName} ${parts.join(' and ')}${sameContent} and it has not yet been successfully verified by ${pendingProviderDescription(pact, 'a')} when the pact's application version was explicitly specified in the consumer version selectors). ${READ_MORE_WIP}`;
  }
  const many = selectors.length > 1;
  return `The pact at ${pactUrl} is being verified because the pact content belongs to ${many ? 'the consumer versions' : 'the consumer version'} matching the following ${many ? 'criteria' : 'criterion'}:\n${selectorDescriptions(pact)}`;
}

function pendingReason(pact: VerifiablePact): string {
  const provider = pact.pact.providerName;
  if (pact.pending && pact.wip) {
    return `This pact is in pending state for this version of ${provider} because it was included as a 'work in progress' pact. If this verification fails, it will not cause the overall build to fail. ${READ_MORE_PENDING}`;
  }
  if (pact.pending) {
    return `This pact is in pending state for this version of ${provider} because a successful verification result for ${pendingProviderDescription(pact, 'a')} has not yet been published. If this verification fails, it will not cause the overall build to fail. ${READ_MORE_PENDING}`;
  }
  return `This pact has previously been successfully verified by ${nonPendingProviderDescription(pact)}. If this verification fails, it will fail the build. ${READ_MORE_PENDING}`;
}

function pendingProviderDescription(pact: VerifiablePact, anyOrA: 'any' | 'a'): string {
  const provider = pact.pact.providerName;
  if (pact.providerBranch !== undefined) return `${anyOrA} version of ${provider} from branch '${pact.providerBranch}'`;
  const tags = pact.pendingProviderTags;
  if (tags.length === 0) return provider;
  if (tags.length === 1) return `${anyOrA} version of ${provider} with tag '${tags[0]}'`;
  return `${anyOrA} versions of ${provider} with tag ${joinQuoted(tags)}`;
}

function nonPendingProviderDescription(pact: VerifiablePact): string {
  const provider = pact.pact.providerName;
  if (pact.providerBranch !== undefined) return `a version of ${provider} from branch '${pact.providerBranch}'`;
  const tags = pact.nonPendingProviderTags;
  if (tags.length === 0) return provider;
  return `a version of ${provider} with tag ${joinQuoted(tags)}`;
}

/** One line per selector, grouped by kind; deployed and released selectors share a line per consumer. */
function selectorDescriptions(pact: VerifiablePact): string {
  const groups = new Map<string, ResolvedSelector[]>();
  for (const selector of [...pact.selectors].sort(compareResolvedSelectors)) {
    const kind = selectorKind(selector);
    groups.set(kind, [...(groups.get(kind) ?? []), selector]);
  }
  return [...groups.entries()]
    .flatMap(([kind, selectors]) =>
      kind === 'currently_deployed' || kind === 'currently_supported'
        ? environmentDescriptions(selectors, kind === 'currently_deployed' ? 'currently deployed to' : 'released and supported in')
        : selectors.map((selector) => `${selectorDescription(selector, pact)} (${selector.consumerVersion.number})`),
    )
    .map((line) => `    * ${line}`)
    .join('\n');
}

/** The Ruby broker's `Selector#type`, which groups the lines. */
function selectorKind(s: ResolvedSelector): string {
  if (isLatestForMainBranch(s)) return 'latest_for_main_branch';
  if (isLatestForBranch(s)) return 'latest_for_branch';
  if (s.currentlyDeployed) return 'currently_deployed';
  if (s.currentlySupported) return 'currently_supported';
  if (s.environmentName !== undefined) return 'in_environment';
  if (isLatestForTag(s)) return 'latest_for_tag';
  if (isAllForTag(s)) return 'all_for_tag';
  return isOverallLatest(s) ? 'overall_latest' : 'undefined';
}

function selectorDescription(s: ResolvedSelector, pact: VerifiablePact): string {
  const version = s.consumer ? `version of ${s.consumer}` : 'version';
  if (isOverallLatest(s)) return `latest version of ${s.consumer ?? 'a consumer'} that has a pact with ${pact.pact.providerName}`;
  if (isLatestForTag(s)) {
    return s.fallbackTag
      ? `latest ${version} tagged '${s.fallbackTag}' (fallback tag used as no pact was found with tag '${s.tag}')`
      : `latest ${version} tagged '${s.tag}'`;
  }
  if (isLatestForMainBranch(s)) return `latest ${version} from the main branch '${pact.pact.consumerMainBranch}'`;
  if (isLatestForBranch(s)) {
    return s.fallbackBranch
      ? `latest ${version} from branch '${s.fallbackBranch}' (fallback branch used as no pact was found from branch '${s.branch}')`
      : `latest ${version} from branch '${s.branch}'`;
  }
  if (isAllForTag(s)) return s.consumer ? `all ${s.consumer} versions tagged '${s.tag}'` : `all consumer versions tagged '${s.tag}'`;
  return `${s.consumer ?? 'a consumer'} version in environment ${s.environment?.name}`;
}

function environmentDescriptions(selectors: ResolvedSelector[], verb: string): string[] {
  const byConsumer = new Map<string | undefined, ResolvedSelector[]>();
  for (const s of selectors) byConsumer.set(s.consumer, [...(byConsumer.get(s.consumer) ?? []), s]);
  return [...byConsumer.entries()].map(([consumer, group]) => {
    const who = consumer ? `version(s) of ${consumer}` : 'consumer version(s)';
    return `${who} ${verb} ${joinWords(group.map((s) => `${s.environment?.name} (${s.consumerVersion.number})`))}`;
  });
}

/** `a, b, c and d`. */
function joinWords(words: string[]): string {
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -2).join(', ')}, ${words.slice(-2).join(' and ')}`;
}

const joinQuoted = (words: string[]) => joinWords(words.map((word) => `'${word}'`));
