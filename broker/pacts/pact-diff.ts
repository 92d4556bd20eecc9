import { diffContent } from './content-differ.js';
import { canonicalOrder, withoutInteractionIds, type PactJson } from './pact-content.js';
import { formatDiff } from './unix-diff-formatter.js';

/**
 * The Ruby broker's `CreateFormattedDiff.call(pact, previous)` (pacts/create_formatted_diff.rb): both
 * contents without interaction ids and sorted (SortContent), compared with `previous` as expected,
 * printed as pact-support's unix diff. Shown on a refused publication and by the diff resources (team issue 14).
 */
export function formattedPactDiff(pact: PactJson, previous: PactJson): string {
  return formatDiff(diffContent(sortContent(withoutInteractionIds(previous)), sortContent(withoutInteractionIds(pact))));
}

/** RB SortContent: the interactions (or else messages) in canonical order; keys are sorted when printed. */
function sortContent(pact: PactJson): PactJson {
  const key = pact.interactions ? 'interactions' : pact.messages ? 'messages' : undefined;
  const items = key && pact[key];
  return key && Array.isArray(items) ? { ...pact, [key]: canonicalOrder(items) } : pact;
}
