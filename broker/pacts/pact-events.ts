import type { PactEvent } from '../events/index.js';

/** How a new publication compares with the previous pact of one of its consumer version's tags (or untagged: null). */
export interface PreviousPactComparison {
  tag: string | null;
  /** SHA of the previous pact for that tag; undefined when there is none. */
  previousSha: string | undefined;
}

/** The events of a first publication for a consumer version, with the Ruby broker's explanations. */
export function eventsForNewPublication(sha: string, comparisons: readonly PreviousPactComparison[]): PactEvent[] {
  const changed = comparisons.filter((comparison) => comparison.previousSha !== sha);
  if (changed.length > 0) {
    return [{ name: 'contract_published' }, { name: 'contract_content_changed', comment: changed.map(explainChange).join(', ') }];
  }
  const tags = comparisons.flatMap((comparison) => (comparison.tag === null ? [] : [comparison.tag]));
  const comment =
    tags.length === 1
      ? `pact content is the same as previous version with tag ${tags[0]} and no new tags were applied`
      : `pact content is the same as previous versions with tags ${tags.join(', ')} and no new tags were applied`;
  return [{ name: 'contract_published', comment }];
}

/** The events of a new revision of an existing publication. */
export function eventsForRevision(contentChanged: boolean, consumerName: string, consumerVersionNumber: string): PactEvent[] {
  if (!contentChanged) return [{ name: 'contract_published' }];
  return [
    { name: 'contract_published' },
    {
      name: 'contract_content_changed',
      comment: `pact content modified since previous publication for ${consumerName} version ${consumerVersionNumber}`,
    },
  ];
}

/** `contract_published, contract_content_changed (why)` as the publish notices list them. */
export function describeEvents(events: readonly PactEvent[]): string {
  return events.map((event) => event.name + (event.comment ? ` (${event.comment})` : '')).join(', ');
}

function explainChange({ tag, previousSha }: PreviousPactComparison): string {
  if (tag === null) return previousSha ? 'pact content has changed since previous untagged version' : 'first time untagged pact published';
  return previousSha
    ? `pact content has changed since the last consumer version tagged with ${tag}`
    : `first time any pact published for this consumer with consumer version tagged ${tag}`;
}
