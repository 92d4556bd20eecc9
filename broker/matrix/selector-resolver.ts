import type { Db, PacticipantRow } from '../db/index.js';
import { findPacticipantsByNames } from '../pacticipants/index.js';
import type { MatrixIntegration } from './deployment-status.js';
import type { MatrixOptions, UnresolvedSelector } from './matrix-query.js';
import { namesOnlyPacticipant, NO_SUCH_ID, onlyPacticipantNameSpecified, type ResolvedSelector, type SelectorType } from './resolved-selector.js';
import { findVersionsForCriteria, type SelectedVersion } from './selector-repository.js';

/** Ignore selectors resolve first; every other selector is marked ignored when one covers it. */
export async function resolveIgnoreSelectors(db: Db, selectors: readonly UnresolvedSelector[]): Promise<ResolvedSelector[]> {
  return resolveSelectors(db, selectors, 'ignored', []);
}

/** The selectors the query named, one per version they describe (`matrix/selector_resolver.rb`). */
export async function resolveSpecifiedSelectors(db: Db, selectors: readonly UnresolvedSelector[], ignore: readonly ResolvedSelector[]): Promise<ResolvedSelector[]> {
  return resolveSelectors(db, selectors, 'specified', ignore);
}

/**
 * For `--to TAG`, `--to-environment` or latest: a selector for each other pacticipant of the
 * integrations, describing its version(s) there (e.g. the latest with the tag).
 */
export async function resolveInferredSelectors(
  db: Db,
  specified: readonly ResolvedSelector[],
  integrations: readonly MatrixIntegration[],
  options: MatrixOptions,
  ignore: readonly ResolvedSelector[],
): Promise<ResolvedSelector[]> {
  const specifiedNames = new Set(specified.map((s) => s.pacticipantName));
  const names = [...new Set(integrations.flatMap((i) => [i.consumerName, i.providerName]))].filter((name) => !specifiedNames.has(name));
  const selectors = names.map(
    (pacticipantName): UnresolvedSelector => ({
      pacticipantName,
      ...(options.tag ? { tag: options.tag } : {}),
      ...(options.mainBranch ? { mainBranch: true } : {}),
      ...(options.latest ? { latest: true } : {}),
      ...(options.environmentName ? { environmentName: options.environmentName } : {}),
    }),
  );
  return resolveSelectors(db, selectors, 'inferred', ignore);
}

async function resolveSelectors(
  db: Db,
  selectors: readonly UnresolvedSelector[],
  type: SelectorType,
  ignore: readonly ResolvedSelector[],
): Promise<ResolvedSelector[]> {
  const pacticipants = await findPacticipantsByNames(db, selectors.flatMap((s) => (s.pacticipantName === undefined ? [] : [s.pacticipantName])));
  const resolved: ResolvedSelector[] = [];
  for (const original of selectors) {
    const pacticipant = pacticipants.get(original.pacticipantName ?? '');
    const base = { pacticipantName: original.pacticipantName ?? '', type, oneOfMany: false, original };
    if (!pacticipant) {
      resolved.push({ ...base, pacticipantId: NO_SUCH_ID, ignore: false });
      continue;
    }
    const ignoresAll = ignore.some((s) => s.pacticipantId === pacticipant.id && onlyPacticipantNameSpecified(s));
    if (namesOnlyPacticipant(original)) {
      resolved.push({ ...base, pacticipantId: pacticipant.id, ignore: ignoresAll });
      continue;
    }
    const versions = await findVersionsForSelector(db, pacticipant, original);
    if (versions.length === 0) {
      resolved.push({ ...base, ...criteriaOf(original), pacticipantId: pacticipant.id, versionId: NO_SUCH_ID, versionNumber: original.versionNumber, ignore: ignoresAll });
      continue;
    }
    for (const version of versions) {
      const ignored = ignore.some((s) => s.pacticipantId === pacticipant.id && (onlyPacticipantNameSpecified(s) || s.versionId === version.id));
      const branch = original.branch ?? (original.mainBranch ? (pacticipant.main_branch ?? undefined) : undefined);
      resolved.push({
        ...base,
        ...criteriaOf(original),
        branch,
        pacticipantId: pacticipant.id,
        versionId: version.id,
        versionNumber: version.number,
        oneOfMany: versions.length > 1,
        ignore: ignored,
      });
    }
  }
  return resolved;
}

function criteriaOf(original: UnresolvedSelector): Pick<ResolvedSelector, 'latest' | 'tag' | 'branch' | 'mainBranch' | 'environmentName'> {
  return { latest: original.latest, tag: original.tag, branch: original.branch, mainBranch: original.mainBranch, environmentName: original.environmentName };
}

/** A main-branch selector reads the pacticipant's main branch; without one, nothing matches. */
async function findVersionsForSelector(db: Db, pacticipant: PacticipantRow, selector: UnresolvedSelector): Promise<SelectedVersion[]> {
  const branch = selector.mainBranch ? pacticipant.main_branch : selector.branch;
  if (selector.mainBranch && branch === null) return [];
  return findVersionsForCriteria(db, pacticipant.id, {
    number: selector.versionNumber,
    tag: selector.tag,
    branch: branch ?? undefined,
    environmentName: selector.environmentName,
    latest: selector.latest,
  });
}
