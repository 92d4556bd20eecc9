import type { CleanFacts, CleanVersion } from './clean-facts.js';
import type { KeepSelector } from '../../shared/clean/clean-selectors.js';

/** A candidate row: a version, with the tag it was selected by when a selector asks for any tag. */
interface Row {
  version: CleanVersion;
  tag?: string;
}

const DAY_MS = 86_400_000;

/** The first instant of the day `days` days before `now`'s (UTC): the Ruby `Date.today - days`. */
export function cutoffDay(now: Date, days: number): string {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - days * DAY_MS).toISOString();
}

/**
 * The ids of the versions one keep selector selects, as the Ruby `Version.for_selector`
 * (lib/pact_broker/domain/version.rb): every attribute narrows; `latest` keeps the version of
 * highest order per pacticipant (per pacticipant and tag for `tag: true`), or the branch head.
 */
export function versionIdsSelectedBy(facts: CleanFacts, selector: KeepSelector, now: Date): Set<number> {
  let rows: Row[] = facts.versions.map((version) => ({ version }));
  const keep = (test: (version: CleanVersion) => boolean) => (rows = rows.filter((row) => test(row.version)));
  const names = (map: Map<number, string[]>, version: CleanVersion) => map.get(version.id) ?? [];
  if (selector.pacticipant !== undefined) keep((version) => facts.pacticipants.get(version.pacticipantId)?.name === selector.pacticipant);
  if (selector.environment !== undefined) {
    const environment = selector.environment;
    keep((version) => names(facts.deployedTo, version).includes(environment) || names(facts.supportedIn, version).includes(environment));
  }
  if (selector.deployed) keep((version) => names(facts.deployedTo, version).length > 0);
  if (selector.released) keep((version) => names(facts.supportedIn, version).length > 0);
  if (selector.tag === true) rows = rows.flatMap((row) => names(facts.tagsByVersion, row.version).map((tag) => ({ version: row.version, tag })));
  else if (selector.tag !== undefined) keep((version) => names(facts.tagsByVersion, version).includes(selector.tag as string));
  if (selector.maxAge !== undefined) {
    const cutoff = cutoffDay(now, selector.maxAge);
    keep((version) => version.createdAt >= cutoff);
  }
  let latestApplied = false;
  if (selector.mainBranch) {
    latestApplied = selector.latest === true;
    const branchesOf = selector.latest ? facts.branchHeadsByVersion : facts.branchesByVersion;
    keep((version) => {
      const main = facts.pacticipants.get(version.pacticipantId)?.mainBranch;
      return main != null && names(branchesOf, version).includes(main);
    });
  }
  if (selector.branch !== undefined) {
    latestApplied = latestApplied || selector.latest === true;
    const branchesOf = selector.latest ? facts.branchHeadsByVersion : facts.branchesByVersion;
    const branch = selector.branch;
    keep((version) => (branch === true ? names(branchesOf, version).length > 0 : names(branchesOf, version).includes(branch)));
  }
  const selected = selector.latest && !latestApplied ? latestPerGroup(rows) : rows;
  return new Set(selected.map((row) => row.version.id));
}

/** The versions any of the selectors keep. */
export function versionIdsToKeep(facts: CleanFacts, selectors: readonly KeepSelector[], now: Date): Set<number> {
  const kept = new Set<number>();
  for (const selector of selectors) for (const id of versionIdsSelectedBy(facts, selector, now)) kept.add(id);
  return kept;
}

function latestPerGroup(rows: Row[]): Row[] {
  const latest = new Map<string, Row>();
  for (const row of rows) {
    const key = `${row.version.pacticipantId}\u0000${row.tag ?? ''}`;
    const current = latest.get(key);
    if (!current || row.version.order > current.version.order) latest.set(key, row);
  }
  return [...latest.values()];
}
