/**
 * The selector semantics table over the history of `verification-history-fixture.ts`: for each
 * request, exactly the pacts expected, as `consumer version: shortDescription (flags)`, in the
 * answer's order. Flags: `pending` / `not pending` when pending status was asked for, `wip`.
 */
export interface SelectorCase {
  name: string;
  body: Record<string, unknown>;
  /** Sends `includeWipPactsSince`: the history's instant between early and late publications, or this date. */
  wipSince?: 'history' | string;
  expected: string[];
}

const noPending = { includePendingStatus: false };
const selectors = (...list: Record<string, unknown>[]) => ({ ...noPending, consumerVersionSelectors: list });
const DEPLOYED = { consumerVersionSelectors: [{ deployed: true }] };
const MAIN_BRANCH = { consumerVersionSelectors: [{ mainBranch: true }] };

export const SELECTOR_TABLE: SelectorCase[] = [
  { name: 'mainBranch', body: selectors({ mainBranch: true }), expected: ['Mobile m2: latest from main branch', 'Web w4: latest from main branch'] },
  { name: 'branch', body: selectors({ branch: 'feat-x' }), expected: ['Mobile m3: latest from branch feat-x', 'Web w3: latest from branch feat-x'] },
  {
    name: 'matchingBranch (provider branch feat-x)',
    body: { ...selectors({ matchingBranch: true }), providerVersionBranch: 'feat-x' },
    expected: ['Mobile m3: latest from branch feat-x', 'Web w3: latest from branch feat-x'],
  },
  {
    name: 'branch: true (every branch head; Legacy got branches from its first tags)',
    body: selectors({ branch: true }),
    expected: [
      'Legacy l1: latest from branch prod',
      'Legacy l2: latest from branch dev',
      'Mobile m2: latest from branch master',
      'Mobile m3: latest from branch feat-x',
      'Web w3: latest from branch feat-x',
      'Web w4: latest from branch main',
    ],
  },
  {
    name: 'tag + latest',
    body: selectors({ tag: 'prod', latest: true }),
    expected: ['Legacy l1: latest with tag prod', 'Mobile m2: latest with tag prod', 'Web w1: latest with tag prod'],
  },
  { name: 'tag (all versions)', body: selectors({ tag: 'prod' }), expected: ['Legacy l1: one of prod', 'Mobile m1: one of prod', 'Mobile m2: one of prod', 'Web w1: one of prod'] },
  { name: 'tag + consumer', body: selectors({ tag: 'prod', consumer: 'Mobile' }), expected: ['Mobile m1: one of Mobile prod', 'Mobile m2: one of Mobile prod'] },
  { name: 'latest', body: selectors({ latest: true }), expected: ['Legacy l2: latest', 'Mobile m3: latest', 'Web w4: latest'] },
  { name: 'consumer + latest', body: selectors({ consumer: 'Web', latest: true }), expected: ['Web w4: latest'] },
  { name: 'fallbackTag used', body: selectors({ tag: 'feat-y', latest: true, fallbackTag: 'dev' }), expected: ['Legacy l2: latest with tag dev'] },
  {
    name: 'fallbackTag not needed',
    body: selectors({ tag: 'prod', latest: true, fallbackTag: 'dev' }),
    expected: ['Legacy l1: latest with tag prod', 'Mobile m2: latest with tag prod', 'Web w1: latest with tag prod'],
  },
  {
    name: 'fallbackBranch used',
    body: selectors({ branch: 'feat-y', fallbackBranch: 'feat-x' }),
    expected: ['Mobile m3: latest from branch feat-x', 'Web w3: latest from branch feat-x'],
  },
  {
    name: 'deployed',
    body: selectors({ deployed: true }),
    expected: ['Legacy l1: deployed to production', 'Web w1: deployed to production', 'Web w2: deployed to test'],
  },
  { name: 'deployed + environment', body: selectors({ deployed: true, environment: 'test' }), expected: ['Web w2: deployed to test'] },
  { name: 'released (support ended for m1)', body: selectors({ released: true }), expected: ['Mobile m2: released in production'] },
  {
    name: 'deployedOrReleased + environment',
    body: selectors({ deployedOrReleased: true, environment: 'production' }),
    expected: ['Legacy l1: deployed to production', 'Mobile m2: released in production', 'Web w1: deployed to production'],
  },
  { name: 'environment', body: selectors({ environment: 'test' }), expected: ['Web w2: in environment test'] },
  {
    name: 'mainBranch + deployed to test: w2 and w4 share content, merged at w4',
    body: selectors({ mainBranch: true }, { deployed: true, environment: 'test' }),
    expected: ['Mobile m2: latest from main branch', 'Web w4: deployed to test, latest from main branch'],
  },
  {
    name: 'tag + latest and deployed to production: one entry per pact',
    body: selectors({ tag: 'prod', latest: true }, { deployed: true, environment: 'production' }),
    expected: ['Legacy l1: latest with tag prod, deployed to production', 'Mobile m2: latest with tag prod', 'Web w1: latest with tag prod, deployed to production'],
  },
  {
    name: 'no selectors: main branch or latest per consumer, deployed, released',
    body: { ...noPending, consumerVersionSelectors: [] },
    expected: [
      'Legacy l1: deployed to production',
      'Legacy l2: latest',
      'Mobile m2: released in production, latest from main branch',
      'Web w1: deployed to production',
      'Web w4: deployed to test, latest from main branch',
    ],
  },
  {
    name: 'pending by provider branch main',
    body: { ...DEPLOYED, providerVersionBranch: 'main', includePendingStatus: true },
    expected: ['Legacy l1: deployed to production (pending)', 'Web w1: deployed to production (not pending)', 'Web w2: deployed to test (pending)'],
  },
  {
    name: 'pending by a new provider branch: main verified before it existed',
    body: { ...DEPLOYED, providerVersionBranch: 'feat-z', includePendingStatus: true },
    expected: ['Legacy l1: deployed to production (pending)', 'Web w1: deployed to production (not pending)', 'Web w2: deployed to test (pending)'],
  },
  {
    name: 'pending by provider branch develop: main verified after it existed',
    body: { ...DEPLOYED, providerVersionBranch: 'develop', includePendingStatus: true },
    expected: ['Legacy l1: deployed to production (pending)', 'Web w1: deployed to production (pending)', 'Web w2: deployed to test (pending)'],
  },
  {
    name: 'pending by provider tag main',
    body: { ...DEPLOYED, providerVersionTags: ['main'], includePendingStatus: true },
    expected: ['Legacy l1: deployed to production (pending)', 'Web w1: deployed to production (not pending)', 'Web w2: deployed to test (pending)'],
  },
  {
    name: 'pending by provider tags prod and main: prod has not verified',
    body: { ...DEPLOYED, providerVersionTags: ['prod', 'main'], includePendingStatus: true },
    expected: ['Legacy l1: deployed to production (pending)', 'Web w1: deployed to production (pending)', 'Web w2: deployed to test (pending)'],
  },
  {
    name: 'pending without branch or tags: any success counts',
    body: { ...DEPLOYED, includePendingStatus: true },
    expected: ['Legacy l1: deployed to production (pending)', 'Web w1: deployed to production (not pending)', 'Web w2: deployed to test (pending)'],
  },
  {
    name: 'WIP by provider branch: later branch heads not explicitly selected',
    body: { ...MAIN_BRANCH, providerVersionBranch: 'main', includePendingStatus: true },
    wipSince: 'history',
    expected: [
      'Mobile m2: latest from main branch (pending)',
      'Web w4: latest from main branch (pending)',
      'Mobile m3: latest from branch feat-x (pending, wip)',
      'Web w3: latest from branch feat-x (pending, wip)',
    ],
  },
  {
    name: 'WIP by provider tag',
    body: { ...MAIN_BRANCH, providerVersionTags: ['main'], includePendingStatus: true },
    wipSince: 'history',
    expected: [
      'Mobile m2: latest from main branch (pending)',
      'Web w4: latest from main branch (pending)',
      'Mobile m3: latest from branch feat-x (pending, wip)',
      'Web w3: latest from branch feat-x (pending, wip)',
    ],
  },
  {
    name: 'WIP since long ago: older heads too, but not w1 (verified by main)',
    body: { ...MAIN_BRANCH, providerVersionBranch: 'main', includePendingStatus: true },
    wipSince: '2000-01-01',
    expected: [
      'Mobile m2: latest from main branch (pending)',
      'Web w4: latest from main branch (pending)',
      'Legacy l1: latest from branch prod, latest with tag prod (pending, wip)',
      'Legacy l2: latest from branch dev, latest with tag dev (pending, wip)',
      'Mobile m3: latest from branch feat-x (pending, wip)',
      'Web w3: latest from branch feat-x (pending, wip)',
    ],
  },
  {
    name: 'WIP since long ago by provider tag main: not w1 (verified with tag main)',
    body: { ...MAIN_BRANCH, providerVersionTags: ['main'], includePendingStatus: true },
    wipSince: '2000-01-01',
    expected: [
      'Mobile m2: latest from main branch (pending)',
      'Web w4: latest from main branch (pending)',
      'Legacy l1: latest with tag prod, latest from branch prod (pending, wip)',
      'Legacy l2: latest with tag dev, latest from branch dev (pending, wip)',
      'Mobile m3: latest from branch feat-x (pending, wip)',
      'Web w3: latest from branch feat-x (pending, wip)',
    ],
  },
  {
    name: 'WIP since long ago by provider tag prod: w1 too (tag prod existed before main verified it)',
    body: { ...MAIN_BRANCH, providerVersionTags: ['prod'], includePendingStatus: true },
    wipSince: '2000-01-01',
    expected: [
      'Mobile m2: latest from main branch (pending)',
      'Web w4: latest from main branch (pending)',
      'Legacy l1: latest with tag prod, latest from branch prod (pending, wip)',
      'Legacy l2: latest with tag dev, latest from branch dev (pending, wip)',
      'Mobile m3: latest from branch feat-x (pending, wip)',
      'Web w1: latest with tag prod (pending, wip)',
      'Web w3: latest from branch feat-x (pending, wip)',
    ],
  },
  {
    name: 'no WIP without provider branch or tags',
    body: { ...MAIN_BRANCH, includePendingStatus: false },
    wipSince: '2000-01-01',
    expected: ['Mobile m2: latest from main branch', 'Web w4: latest from main branch'],
  },
];
