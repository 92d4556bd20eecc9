import { isProvided } from '../http/index.js';

/**
 * The Ruby broker's ConsumerVersionSelectorContract (docs/broker-api.md#verification-query): the schema of one selector,
 * then its rules, each rule only when the keys it reads passed the schema (dry-validation's way).
 * Messages are "full" (the key name first) as the Ruby broker merges them into the parent's errors.
 */

const BRANCH_KEYS = ['latest', 'tag', 'fallbackTag', 'branch', 'fallbackBranch', 'matchingBranch', 'mainBranch'] as const;
const ENVIRONMENT_KEYS = ['environment', 'deployed', 'released', 'deployedOrReleased'] as const;
const ALL_KEYS = [...BRANCH_KEYS, ...ENVIRONMENT_KEYS, 'consumer'] as const;

type Check = (value: unknown) => string | undefined;

/** `filled?`: not null, not an empty string, array or object. */
export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}

const filled =
  (check: Check): Check =>
  (value) =>
    isFilled(value) ? check(value) : 'must be filled';
const oneOf = (...allowed: boolean[]): Check => filled((value) => (allowed.includes(value as boolean) ? undefined : `must be one of: ${allowed.join(', ')}`));
const string: Check = filled((value) => (typeof value === 'string' ? undefined : 'must be a string'));

const SCHEMA: Record<(typeof ALL_KEYS)[number], Check> = {
  mainBranch: oneOf(true),
  tag: string,
  branch: filled((value) => (typeof value === 'string' || value === true ? undefined : 'must be a string or branch must be equal to true')),
  matchingBranch: oneOf(true),
  latest: oneOf(true, false),
  fallbackTag: string,
  fallbackBranch: string,
  consumer: string,
  deployed: oneOf(true),
  released: oneOf(true),
  deployedOrReleased: oneOf(true),
  environment: string,
};

/** What a selector's rules need from outside it. */
export interface SelectorContext {
  providerVersionBranch: unknown;
  /** Names of the environments that exist among those the selectors name. */
  knownEnvironments: ReadonlySet<string>;
}

const pluralize = (word: string, count: number) => (count === 1 ? word : `${word}s`);

/** The messages for one selector, in the order the Ruby broker lists them. */
export function validateSelector(selector: Record<string, unknown>, context: SelectorContext): string[] {
  const schemaErrors = new Map<string, string>();
  for (const [key, check] of Object.entries(SCHEMA)) {
    const message = key in selector ? check(selector[key]) : undefined;
    if (message) schemaErrors.set(key, `${key} ${message}`);
  }
  const base: string[] = [];
  const keyed: string[] = [];
  const rule = (keys: readonly string[], body: () => void) => {
    if (keys.every((key) => !schemaErrors.has(key))) body();
  };
  const v = selector;
  const present = (keys: readonly string[]) => keys.filter((key) => key in v);

  rule(['consumer'], () => {
    if (typeof v.consumer === 'string' && v.consumer.trim() === '') keyed.push('consumer cannot be blank');
  });
  rule(ALL_KEYS, () => {
    const anyBranchOrEnvironment = ['mainBranch', 'tag', 'branch', 'environment'].some((key) => isProvided(v[key]));
    const anyFlag = ['matchingBranch', 'deployed', 'released', 'deployedOrReleased', 'latest'].some((key) => v[key] === true);
    if (!anyBranchOrEnvironment && !anyFlag) {
      base.push(
        'must specify a value for environment or tag or branch, or specify mainBranch=true, matchingBranch=true, latest=true, deployed=true, released=true or deployedOrReleased=true',
      );
    }
    if (v.mainBranch && present(ALL_KEYS.filter((key) => !['consumer', 'mainBranch', 'latest'].includes(key))).length > 0) {
      base.push('cannot specify mainBranch=true with any other criteria apart from consumer');
    }
  });
  rule(['mainBranch', 'latest'], () => {
    if (v.mainBranch && v.latest === false) base.push('cannot specify mainBranch=true with latest=false');
  });
  rule(ALL_KEYS, () => {
    if (v.matchingBranch && present(ALL_KEYS.filter((key) => !['consumer', 'matchingBranch'].includes(key))).length > 0) {
      base.push('cannot specify matchingBranch=true with any other criteria apart from consumer');
    }
    if (v.matchingBranch && !isProvided(context.providerVersionBranch)) {
      base.push('the providerVersionBranch must be specified when the selector matchingBranch=true is used');
    }
  });
  rule(['tag', 'branch'], () => {
    if (v.tag && v.branch) base.push('cannot specify both a tag and a branch');
  });
  rule(ALL_KEYS, () => {
    const branchFields = present(BRANCH_KEYS).sort();
    const environmentFields = present(ENVIRONMENT_KEYS).sort();
    if (branchFields.length > 0 && environmentFields.length > 0) {
      base.push(
        `cannot specify the ${pluralize('field', branchFields.length)} ${branchFields.join('/')} with the ${pluralize('field', environmentFields.length)} ${environmentFields.join('/')}`,
      );
    }
  });
  rule(['fallbackTag', 'tag', 'latest'], () => {
    if (v.fallbackTag && !v.latest) base.push('fallbackTag can only be set if latest is true');
    if (v.fallbackTag && !v.tag) base.push('a tag must be specified when a fallbackTag is specified');
  });
  rule(['fallbackBranch', 'branch', 'latest'], () => {
    if (v.fallbackBranch && !v.branch) base.push('a branch must be specified when a fallbackBranch is specified');
    if (v.fallbackBranch && v.latest === false) base.push('fallbackBranch can only be set if latest is true');
  });
  rule(['branch', 'latest'], () => {
    if (v.branch && v.latest === false) base.push('cannot specify a branch with latest=false');
  });
  const environmentErrors: string[] = [];
  rule(['environment'], () => {
    if (isProvided(v.environment) && !context.knownEnvironments.has(v.environment as string)) {
      environmentErrors.push(`environment with name '${String(v.environment)}' does not exist`);
    }
  });
  rule(['deployed', 'released', 'deployedOrReleased'], () => {
    if (v.deployed && v.released) base.push('cannot specify both deployed=true and released=true');
    if (v.deployed && v.deployedOrReleased) base.push('cannot specify both deployed=true and deployedOrReleased=true');
    if (v.released && v.deployedOrReleased) base.push('cannot specify both released=true and deployedOrReleased=true');
  });
  // dry-validation groups messages by path, paths in the order their first message came.
  return [...schemaErrors.values(), ...keyed, ...base, ...environmentErrors];
}
