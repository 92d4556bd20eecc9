import { timeAgo } from '../ui/index.js';
import type { CleanFacts, CleanVersion } from './clean-facts.js';

/** One version as the Ruby dry run describes it (CleanIncremental#version_info). */
export interface VersionInfo {
  number: string;
  /** "3 days ago", as the Ruby broker words it. */
  created: string;
  tags: string[];
}

/** What a clean would do to one pacticipant's versions. */
export interface VersionSummary {
  toDelete: { count: number; fromVersion?: VersionInfo; toVersion?: VersionInfo };
  toKeep: { count: number; firstVersion?: VersionInfo; latestVersion?: VersionInfo };
}

/**
 * The Ruby dry run's `versionSummary`, pacticipants by name ignoring case. Its `toKeep` names are
 * swapped there (`firstVersion` holds the latest); here `firstVersion` is the oldest kept version.
 */
export function versionSummary(facts: CleanFacts, toDelete: ReadonlySet<number>, now: Date): Record<string, VersionSummary> {
  const info = (version: CleanVersion): VersionInfo => ({
    number: version.number,
    created: timeAgo(version.createdAt, now),
    tags: [...(facts.tagsByVersion.get(version.id) ?? [])].sort(),
  });
  const names = [...facts.pacticipants.entries()].sort(([, a], [, b]) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const byPacticipant = new Map<number, CleanVersion[]>();
  for (const version of facts.versions) {
    const list = byPacticipant.get(version.pacticipantId);
    if (list) list.push(version);
    else byPacticipant.set(version.pacticipantId, [version]);
  }
  const summary: Record<string, VersionSummary> = {};
  for (const [id, pacticipant] of names) {
    const versions = byPacticipant.get(id) ?? [];
    const deleted = versions.filter((version) => toDelete.has(version.id));
    const kept = versions.filter((version) => !toDelete.has(version.id)).sort((a, b) => a.order - b.order);
    summary[pacticipant.name] = {
      toDelete: deleted.length === 0 ? { count: 0 } : { count: deleted.length, fromVersion: info(deleted[0]!), toVersion: info(deleted[deleted.length - 1]!) },
      toKeep: kept.length === 0 ? { count: 0 } : { count: kept.length, firstVersion: info(kept[0]!), latestVersion: info(kept[kept.length - 1]!) },
    };
  }
  return summary;
}
