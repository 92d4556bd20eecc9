/**
 * The Ruby broker's clean "keep" selectors (lib/pact_broker/db/clean/selector.rb and
 * branch_selector.rb), parsed from the JSON its PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS
 * takes. Team issue 14 (retention): unlike the Ruby broker, which silently drops unknown keys (an
 * empty selector then keeps every version), an unknown key or a wrong type is refused.
 */

/** Which versions to keep; every given attribute must hold (as the Ruby `Version.for_selector`). */
export interface KeepSelector {
  pacticipant?: string;
  /** Currently deployed to or released and supported in this environment. */
  environment?: string;
  deployed?: true;
  released?: true;
  /** `true`: any tag; a name: that tag. */
  tag?: string | true;
  /** `true`: any branch; a name: that branch. */
  branch?: string | true;
  mainBranch?: true;
  /** Only the latest (per pacticipant; per pacticipant and tag for `tag: true`; the head for branches). */
  latest?: true;
  /** Created in the last so many days. */
  maxAge?: number;
}

/** Which branches to keep (besides each pacticipant's main branch, always kept). */
export interface KeepBranchSelector {
  /** Updated in the last so many days. */
  maxAge?: number;
  /** Branches of these names. */
  branch?: string[];
}

/** The Ruby CleanIncremental::DEFAULT_KEEP_SELECTORS. */
export const DEFAULT_KEEP_SELECTORS: readonly KeepSelector[] = [
  { tag: true, latest: true },
  { branch: true, latest: true },
  { latest: true },
  { deployed: true },
  { released: true },
  { maxAge: 90 },
];

/** The Ruby CleanIncremental::DEFAULT_KEEP_BRANCH_SELECTORS. */
export const DEFAULT_KEEP_BRANCH_SELECTORS: readonly KeepBranchSelector[] = [{ maxAge: 90 }];

/** A keep selector that cannot be used; the message is a sentence for the user. */
export class KeepSelectorError extends Error {}

const SELECTOR_KEYS = 'pacticipant, environment, deployed, released, tag, branch, mainBranch, latest, maxAge (or max_age)';

/** Checks parsed JSON as an array of keep selectors (camelCase or the Ruby snake_case keys). */
export function parseKeepSelectors(list: unknown, what = 'keep'): KeepSelector[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new KeepSelectorError(`"${what}" must be a non-empty JSON array of selectors, for example [{"latest": true}, {"deployed": true}, {"branch": "main", "maxAge": 30}].`);
  }
  return list.map((item, index) => parseKeepSelector(item, `${what}[${index}]`));
}

/** Checks parsed JSON as an array of branch keep selectors (`maxAge`, `branch`). */
export function parseKeepBranchSelectors(list: unknown, what = 'keepBranches'): KeepBranchSelector[] {
  if (!Array.isArray(list)) throw new KeepSelectorError(`"${what}" must be a JSON array, for example [{"maxAge": 90}, {"branch": "release"}].`);
  return list.map((item, index) => {
    const fields = objectOf(item, `${what}[${index}]`);
    const selector: KeepBranchSelector = {};
    for (const [key, value] of Object.entries(fields)) {
      const where = `${what}[${index}].${key}`;
      if (key === 'maxAge' || key === 'max_age') selector.maxAge = days(value, where);
      else if (key === 'branch') selector.branch = (Array.isArray(value) ? value : [value]).map((name) => text(name, where));
      else throw new KeepSelectorError(`Unknown key "${where}"; a branch keep selector takes maxAge (or max_age) and branch.`);
    }
    return selector;
  });
}

/** The CleanTask's rule: deployed and released versions are always kept, added when not asked for. */
export function withDeployedAndReleased(selectors: readonly KeepSelector[]): KeepSelector[] {
  const result = [...selectors];
  if (!result.some((selector) => selector.deployed)) result.push({ deployed: true });
  if (!result.some((selector) => selector.released)) result.push({ released: true });
  return result;
}

function parseKeepSelector(item: unknown, where: string): KeepSelector {
  const selector: KeepSelector = {};
  for (const [key, value] of Object.entries(objectOf(item, where))) {
    const at = `${where}.${key}`;
    switch (key) {
      case 'pacticipant':
      case 'environment':
        selector[key] = text(value, at);
        break;
      case 'tag':
      case 'branch':
        selector[key] = value === true ? true : text(value, at);
        break;
      case 'deployed':
      case 'released':
      case 'latest':
      case 'mainBranch':
      case 'main_branch':
        if (flag(value, at)) selector[key === 'main_branch' ? 'mainBranch' : key] = true;
        break;
      case 'maxAge':
      case 'max_age':
        selector.maxAge = days(value, at);
        break;
      default:
        throw new KeepSelectorError(`Unknown key "${at}"; a keep selector takes ${SELECTOR_KEYS}.`);
    }
  }
  if (Object.keys(selector).length === 0) throw new KeepSelectorError(`"${where}" selects every version; give it at least one of ${SELECTOR_KEYS}.`);
  return selector;
}

/** The JSON text of an environment variable such as PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS, parsed. */
export function parseSelectorJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new KeepSelectorError(`"${what}" is not valid JSON (${(error as Error).message}).`);
  }
}

function objectOf(item: unknown, where: string): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new KeepSelectorError(`"${where}" must be an object, for example {"tag": "prod"}.`);
  return item as Record<string, unknown>;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new KeepSelectorError(`"${where}" must be a non-empty string.`);
  return value;
}

function flag(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new KeepSelectorError(`"${where}" must be true or false.`);
  return value;
}

function days(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new KeepSelectorError(`"${where}" must be a whole number of days (0 or more).`);
  return value;
}
