/**
 * A consumer version selector after normalisation (docs/broker-api.md#selector-normalisation), and the same selector resolved
 * to the consumer version it picked. Predicates and ordering follow the Ruby broker's
 * `pacts/selector.rb`, whose descriptions and metadata depend on them.
 */
export interface Selector {
  latest?: boolean;
  tag?: string;
  /** A branch name, or `true`: the head of every branch. */
  branch?: string | true;
  consumer?: string;
  environmentName?: string;
  fallbackTag?: string;
  fallbackBranch?: string;
  mainBranch?: true;
  matchingBranch?: true;
  currentlyDeployed?: true;
  currentlySupported?: true;
}

/** The consumer version a selector picked, with what the description of the pick needs. */
export interface ResolvedSelector extends Selector {
  consumerVersion: { id: number; number: string; order: number };
  /** The environment a deployed/released/environment selector found the version in. */
  environment?: { name: string; production: boolean };
}

export const isOverallLatest = (s: Selector) =>
  s.latest === true && !s.tag && s.branch === undefined && !s.mainBranch && !s.currentlyDeployed && !s.currentlySupported && !s.environmentName;
export const isLatestForTag = (s: Selector, tag?: string) => s.latest === true && s.tag !== undefined && (tag === undefined || s.tag === tag);
export const isLatestForBranch = (s: Selector, branch?: string) =>
  s.latest === true && typeof s.branch === 'string' && (branch === undefined || s.branch === branch);
export const isLatestForMainBranch = (s: Selector) => s.mainBranch === true;
export const isAllForTag = (s: Selector) => s.tag !== undefined && s.latest !== true;
export const isInEnvironment = (s: Selector) => s.environmentName !== undefined;

/** The resolved selector with its fallback keys dropped, unless the pick came from the fallback. */
export function resolve(selector: Selector, consumerVersion: ResolvedSelector['consumerVersion'], fallback = false): ResolvedSelector {
  const { fallbackTag, fallbackBranch, ...rest } = selector;
  return fallback ? { ...rest, fallbackTag, fallbackBranch, consumerVersion } : { ...rest, consumerVersion };
}

type Compare = (a: ResolvedSelector, b: ResolvedSelector) => number;

const byString = (a: string | undefined, b: string | undefined) => (a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1);
/** Orders selectors with the flag before those without; `tie` decides between two with it. */
const flagFirst = (flag: (s: Selector) => boolean, tie: Compare): Compare => (a, b) => (flag(a) === flag(b) ? tie(a, b) : flag(a) ? -1 : 1);
const byConsumer: Compare = (a, b) => (a.consumer && b.consumer ? byString(a.consumer, b.consumer) : a.consumer ? -1 : 1);
// Non-production environments before production ones, then by name.
const byEnvironment: Compare = (a, b) =>
  a.environment?.production === b.environment?.production ? byString(a.environment?.name, b.environment?.name) : a.environment?.production ? 1 : -1;
const byTag: Compare = (a, b) => {
  if (a.tag && b.tag) return a.tag === b.tag ? byConsumer(a, b) : byString(a.tag, b.tag);
  return a.tag ? -1 : 1;
};

/** The Ruby broker's `ResolvedSelector#<=>`: kind of selector first, then the consumer version order. */
export function compareResolvedSelectors(a: ResolvedSelector, b: ResolvedSelector): number {
  return compareKinds(a, b) || a.consumerVersion.order - b.consumerVersion.order;
}

function compareKinds(a: ResolvedSelector, b: ResolvedSelector): number {
  const either = (flag: (s: Selector) => boolean) => flag(a) || flag(b);
  if (either(isOverallLatest)) return flagFirst(isOverallLatest, () => 0)(a, b);
  if (either((s) => isLatestForBranch(s))) return flagFirst((s) => isLatestForBranch(s), (x, y) => byString(x.branch as string, y.branch as string))(a, b);
  if (either((s) => isLatestForTag(s))) return flagFirst((s) => isLatestForTag(s), (x, y) => byString(x.tag, y.tag))(a, b);
  if (a.tag || b.tag) return byTag(a, b);
  if (either((s) => s.currentlyDeployed === true)) return flagFirst((s) => s.currentlyDeployed === true, byEnvironment)(a, b);
  if (either((s) => s.currentlySupported === true)) return flagFirst((s) => s.currentlySupported === true, byEnvironment)(a, b);
  if (a.consumer || b.consumer) return byConsumer(a, b);
  return 0;
}
