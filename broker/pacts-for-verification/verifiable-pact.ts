import { compareResolvedSelectors, type ResolvedSelector } from './selector.js';

/** The pact a selector picked: what its link, name and descriptions need. */
export interface SelectedPactInfo {
  consumerId: number;
  consumerName: string;
  consumerMainBranch: string | null;
  providerName: string;
  consumerVersionNumber: string;
  consumerVersionOrder: number;
  pactVersionId: number;
  sha: string;
}

/** One entry of the answer: a pact content, the selectors that picked it, and its pending/WIP status (docs/broker-api.md#pacts-for-verification). */
export interface VerifiablePact {
  pact: SelectedPactInfo;
  selectors: ResolvedSelector[];
  /** Undefined when pending status was not asked for. */
  pending: boolean | undefined;
  pendingProviderTags: string[];
  nonPendingProviderTags: string[];
  providerBranch: string | undefined;
  wip: boolean;
}

/**
 * Merges the entries with the same consumer and content into one (the Ruby broker's
 * `merge_by_pact_version_sha` and `VerifiablePact#+`): the pact of the highest consumer version,
 * all selectors (sorted when `sortSelectors`), pending if any was, the provider tags of all.
 */
export function mergeByContent(pacts: readonly VerifiablePact[], sortSelectors: boolean): VerifiablePact[] {
  const groups = new Map<string, VerifiablePact[]>();
  for (const pact of pacts) {
    const key = contentKey(pact.pact);
    groups.set(key, [...(groups.get(key) ?? []), pact]);
  }
  return [...groups.values()].map((group) => {
    const latest = group.reduce((a, b) => (b.pact.consumerVersionOrder > a.pact.consumerVersionOrder ? b : a));
    const selectors = group.flatMap((pact) => pact.selectors);
    const pending = group.some((pact) => pact.pending === true) ? true : latest.pending;
    return {
      ...latest,
      selectors: sortSelectors ? selectors.sort(compareResolvedSelectors) : selectors,
      pending,
      pendingProviderTags: unique(group.flatMap((pact) => pact.pendingProviderTags)),
      nonPendingProviderTags: unique(group.flatMap((pact) => pact.nonPendingProviderTags)),
      wip: group.some((pact) => pact.wip),
    };
  });
}

/** The order of the answer: by consumer name regardless of case, then consumer version order. */
export function compareVerifiablePacts(a: VerifiablePact, b: VerifiablePact): number {
  const nameA = a.pact.consumerName.toLowerCase();
  const nameB = b.pact.consumerName.toLowerCase();
  if (nameA !== nameB) return nameA < nameB ? -1 : 1;
  return a.pact.consumerVersionOrder - b.pact.consumerVersionOrder;
}

/** Identifies a pact content of a consumer. */
export function contentKey(pact: Pick<SelectedPactInfo, 'consumerId' | 'sha'>): string {
  return `${pact.consumerId}\u0000${pact.sha}`;
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
