import type { IForbiddenRuleType } from 'dependency-cruiser';

/**
 * Test code: suites, the runtime contract's case file, test helpers and fixtures, the cross-part
 * suites under test/, and benches (they fill databases and measure internals as tests do).
 */
const TEST_CODE = ['\\.(test|case)\\.tsx?$', '(^|/)test-support/', '(^|/)test-fixtures/', '^test/', '^bench/'];
/** Everything of ours that is not shared/. */
const OURS_BUT_SHARED = '^(broker|control-plane|gateway|cli|bench|test|compose)/|^[^/]+\\.tsx?$';
/** What test code may use of the broker besides its door (the brief of team issue 16: test-support stays open to tests). */
const BROKER_FOR_TESTS = '^broker/(index\\.ts$|test-support/|[^/]+/test-fixtures/)';
/** A broker folder's face: its index.ts (team issue 16, structure item 2). */
const BROKER_FACE = '^broker/[^/]+/index\\.ts$';
/** Test helpers other broker folders' tests may import directly. */
const BROKER_TEST_HELPERS = ['^broker/test-support/', '^broker/[^/]+/test-fixtures/'];

/**
 * The boundaries of team issue 16 (structure items 3 and 5), as dependency-cruiser rules:
 * gateway → shared only; control-plane (and the CLI, the root files) → the broker only through
 * broker/index.ts; shared → nothing of ours; broker → shared only outside broker/.
 */
export const FORBIDDEN: IForbiddenRuleType[] = [
  {
    name: 'gateway-uses-only-shared',
    comment: 'The gateway routes by shared/routing; it knows neither the control plane nor the broker.',
    severity: 'error',
    from: { path: '^gateway/', pathNot: TEST_CODE },
    to: { path: OURS_BUT_SHARED, pathNot: '^gateway/' },
  },
  {
    name: 'gateway-tests-use-only-shared-and-test-helpers',
    severity: 'error',
    from: { path: '^gateway/.*\\.test\\.ts$' },
    to: { path: OURS_BUT_SHARED, pathNot: ['^gateway/', '^test/support/'] },
  },
  {
    name: 'broker-only-through-its-door',
    comment: 'Outside broker/, code reaches the broker through broker/index.ts (openBroker, the backup and clean faces).',
    severity: 'error',
    from: { path: '^(control-plane|cli)/|^[^/]+\\.tsx?$', pathNot: TEST_CODE },
    to: { path: '^broker/', pathNot: '^broker/index\\.ts$' },
  },
  {
    name: 'tests-reach-the-broker-through-its-door-or-test-support',
    severity: 'error',
    from: { path: TEST_CODE, pathNot: ['^broker/', '^bench/'] },
    to: { path: '^broker/', pathNot: BROKER_FOR_TESTS },
  },
  {
    name: 'shared-uses-nothing-of-ours',
    comment: 'shared/ is what every part may use; it depends on none of them.',
    severity: 'error',
    from: { path: '^shared/', pathNot: TEST_CODE },
    to: { path: OURS_BUT_SHARED },
  },
  {
    name: 'broker-uses-only-shared-outside-broker',
    comment: 'The broker runs alone (broker/main.ts, our image): it knows nothing of the platform.',
    severity: 'error',
    from: { path: '^broker/', pathNot: TEST_CODE },
    to: { path: OURS_BUT_SHARED, pathNot: '^broker/' },
  },
  {
    name: 'broker-folders-meet-through-their-faces',
    comment:
      "Team issue 16 (structure item 2): a broker folder reaches another only through that folder's index.ts, so its other files (its repositories) stay private. Test helpers (test-support/, a folder's test-fixtures/) stay open to tests.",
    severity: 'error',
    from: { path: '^broker/([^/]+)/', pathNot: '^broker/test-support/' },
    to: { path: '^broker/[^/]+/', pathNot: ['^broker/$1/', BROKER_FACE, ...BROKER_TEST_HELPERS] },
  },
  {
    name: 'broker-root-uses-the-faces',
    comment: "The broker's root files (broker/index.ts, app.ts, broker.ts, main.ts, ...) assemble the folders through their faces too.",
    severity: 'error',
    from: { path: '^broker/[^/]+\\.tsx?$' },
    to: { path: '^broker/[^/]+/', pathNot: [BROKER_FACE, ...BROKER_TEST_HELPERS] },
  },
  {
    name: 'broker-tests-use-only-shared-and-test-helpers',
    severity: 'error',
    from: { path: '^broker/.*(\\.(test|case)\\.tsx?$|test-support/)' },
    to: { path: OURS_BUT_SHARED, pathNot: ['^broker/', '^test/support/'] },
  },
];
