import type { UnresolvedSelector } from './matrix-query.js';

/** A version id (or pacticipant id) that matches no row: what a selector naming nothing that exists resolves to. */
export const NO_SUCH_ID = -1;

/** Specified in the query, inferred from its integrations, or one of the `ignore` selectors. */
export type SelectorType = 'specified' | 'inferred' | 'ignored';

/**
 * A selector with ids (`matrix/resolved_selector.rb`): one pacticipant and one version, or, without a
 * version, all of the pacticipant's versions. A selector describing several versions becomes one
 * resolved selector per version.
 */
export interface ResolvedSelector {
  pacticipantId: number;
  pacticipantName: string;
  /** Undefined: every version of the pacticipant; NO_SUCH_ID: a version that does not exist. */
  versionId?: number;
  versionNumber?: string;
  latest?: boolean;
  tag?: string;
  branch?: string;
  mainBranch?: boolean;
  environmentName?: string;
  type: SelectorType;
  /** Whether an ignore selector covers it: its missing or failed verifications do not count. */
  ignore: boolean;
  /** One of several versions its selector described. */
  oneOfMany: boolean;
  original: UnresolvedSelector;
}

/** Whether the query named only the pacticipant: the selector then stands for every version. */
export function namesOnlyPacticipant(selector: UnresolvedSelector): boolean {
  const { pacticipantName: _name, ...rest } = selector;
  return Object.values(rest).every((value) => !value);
}

export function onlyPacticipantNameSpecified(selector: ResolvedSelector): boolean {
  return namesOnlyPacticipant(selector.original);
}

export function versionExists(selector: ResolvedSelector): boolean {
  return selector.versionId !== NO_SUCH_ID;
}

export function pacticipantExists(selector: ResolvedSelector): boolean {
  return selector.pacticipantId !== NO_SUCH_ID;
}

/** How reasons name the selector: "version 1 of Foo", "the latest version of Bar with tag prod (5)", … */
export function describeSelector(selector: ResolvedSelector): string {
  const { pacticipantName: name, versionNumber: number, tag, branch, environmentName: environment, latest } = selector;
  const version = number === undefined ? undefined : `(${number})`;
  if (latest && tag) return `the latest version of ${name} with tag ${tag} ${version ?? '(no such version exists)'}`;
  if (latest && selector.mainBranch && number === undefined) return `the latest version of ${name} from the main branch (no versions exist for this branch)`;
  if (selector.mainBranch && number === undefined) return `any version of ${name} from the main branch (no versions exist for this branch)`;
  if (latest && branch) return `the latest version of ${name} from branch ${branch} ${version ?? '(no such version exists)'}`;
  if (branch && version) return `${selector.oneOfMany ? 'one of the versions ' : 'the version '}of ${name} from branch ${branch} ${version}`;
  if (branch) return `a version of ${name} from branch ${branch} (no such version exists)`;
  if (latest) return `the latest version of ${name} ${version ?? '(no such version exists)'}`;
  if (tag) return `a version of ${name} with tag ${tag} ${version ?? '(no such version exists)'}`;
  if (environment && version) return `${selector.oneOfMany ? 'one of the versions' : 'the version'} of ${name} currently in ${environment} ${version}`;
  if (environment) {
    return `a version of ${name} currently in ${environment} (no version is currently recorded as deployed/released in this environment)`;
  }
  if (number !== undefined && !versionExists(selector)) return `version ${number} of ${name} (no such version exists)`;
  if (number !== undefined) return `version ${number} of ${name}`;
  if (!pacticipantExists(selector)) return `any version of ${name} (no such pacticipant exists)`;
  return `any version of ${name}`;
}

/** The error for a specified selector that found no version. */
export function describeMissingVersion(selector: ResolvedSelector): string {
  const name = selector.pacticipantName;
  if (selector.tag) return `No version with tag ${selector.tag} exists for ${name}`;
  if (selector.branch) return `No version of ${name} from branch ${selector.branch} exists`;
  if (selector.mainBranch) return `No version of ${name} from the main branch exists`;
  if (selector.environmentName) return `No version of ${name} is currently recorded as deployed or released in environment ${selector.environmentName}`;
  if (selector.versionNumber !== undefined) return `No pacts or verifications have been published for version ${selector.versionNumber} of ${name}`;
  return `No pacts or verifications have been published for ${name}`;
}
