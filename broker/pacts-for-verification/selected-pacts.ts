import type { Db } from '../db/index.js';
import { findConsumersForDefaultSelectors, findPactsForSelectors, type SelectedPactRow } from './selection-repository.js';
import { isLatestForBranch, isLatestForTag, resolve, type ResolvedSelector, type Selector } from './selector.js';
import type { SelectedPactInfo } from './verifiable-pact.js';

/** A pact one selector picked, with that selector resolved to the pact's consumer version. */
export interface SelectedPact {
  pact: SelectedPactInfo;
  selector: ResolvedSelector;
}

/**
 * The pacts each selector picks (the defaults when there are none), then the fallback tag's or
 * branch's for selectors whose tag or branch picked nothing (docs/broker-api.md#what-each-selector-picks).
 */
export async function findSelectedPacts(db: Db, providerId: number, selectors: readonly Selector[]): Promise<SelectedPact[]> {
  const effective = selectors.length > 0 ? selectors : await defaultSelectors(db, providerId);
  const picked = await pick(db, providerId, effective.map((selector) => ({ query: selector, selector })));
  const fallbacks = effective.flatMap((selector) => {
    const fallback = fallbackSelector(selector, picked);
    return fallback ? [{ query: fallback, selector }] : [];
  });
  return fallbacks.length === 0 ? picked : [...picked, ...(await pick(db, providerId, fallbacks, true))];
}

/**
 * What a selector with a fallback tag (or branch) looks up when no pact picked so far is the latest
 * for its tag (or branch). The Ruby broker accepts fallbackBranch without looking it up; this
 * looks it up as the selector's documentation and messages describe.
 */
function fallbackSelector(selector: Selector, picked: readonly SelectedPact[]): Selector | undefined {
  const { tag, branch, fallbackTag, fallbackBranch, consumer } = selector;
  if (fallbackTag !== undefined && tag !== undefined && !picked.some((p) => isLatestForTag(p.selector, tag))) {
    return { latest: true, tag: fallbackTag, consumer };
  }
  if (fallbackBranch !== undefined && typeof branch === 'string' && !picked.some((p) => isLatestForBranch(p.selector, branch))) {
    return { latest: true, branch: fallbackBranch, consumer };
  }
  return undefined;
}

/** The pacts each query selector picks, resolved for its selector (the fallback's for a fallback). */
async function pick(db: Db, providerId: number, lookups: ReadonlyArray<{ query: Selector; selector: Selector }>, fallback = false): Promise<SelectedPact[]> {
  const rows = await findPactsForSelectors(db, providerId, lookups.map(({ query }) => query));
  return lookups.flatMap(({ selector }, index) => rows[index]!.map((row) => ({ pact: pactInfo(row), selector: resolveForRow(selector, row, fallback) })));
}

/** The selector resolved to the row's consumer version, with the environment and (for `branch: true`) the branch it was found on. */
export function resolveForRow(selector: Selector, row: SelectedPactRow, fallback = false): ResolvedSelector {
  const resolved = resolve(selector, { id: row.consumerVersionId, number: row.consumerVersionNumber, order: row.consumerVersionOrder }, fallback);
  if (row.environmentName) resolved.environment = { name: row.environmentName, production: row.environmentProduction === 1 };
  if (selector.branch === true && row.branchName) resolved.branch = row.branchName;
  return resolved;
}

export function pactInfo(row: SelectedPactRow): SelectedPactInfo {
  return {
    consumerId: row.consumerId,
    consumerName: row.consumerName,
    consumerMainBranch: row.consumerMainBranch,
    providerName: row.providerName,
    consumerVersionNumber: row.consumerVersionNumber,
    consumerVersionOrder: row.consumerVersionOrder,
    pactVersionId: row.pactVersionId,
    sha: row.sha,
  };
}

/**
 * Per consumer: its main branch's head, else the latest version tagged with the main branch's name,
 * else its latest; then what is deployed or released anywhere (the Ruby broker's `default_selectors`).
 */
async function defaultSelectors(db: Db, providerId: number): Promise<Selector[]> {
  const consumers = await findConsumersForDefaultSelectors(db, providerId);
  const perConsumer = consumers.map(({ consumerName: consumer, mainBranch, hasMainBranchVersion, hasMainBranchTag }): Selector => {
    if (mainBranch !== null && hasMainBranchVersion) return { mainBranch: true, consumer };
    if (mainBranch !== null && hasMainBranchTag) return { latest: true, tag: mainBranch, consumer };
    return { latest: true, consumer };
  });
  return [...perConsumer, { currentlyDeployed: true }, { currentlySupported: true }];
}
