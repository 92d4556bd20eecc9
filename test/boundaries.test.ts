/**
 * Team issue 16 (structure item 5): the codebase's boundaries, checked in `npm test`. The dependency
 * rules (test/boundaries/dependency-rules.ts) by dependency-cruiser, cycles between broker folders,
 * and typescript-eslint's no-floating-promises over every TypeScript file (eslint.config.js).
 */
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORBIDDEN } from './boundaries/dependency-rules.js';
import { brokerFolderGraph, folderCycles, twoWayPairs } from './boundaries/folder-graph.js';


/**
 * Broker folders that still import each other (item 2 removes them pair by pair); the test fails
 * when a pair is added, and when one is gone but still listed, so this list only shrinks.
 */
const TWO_WAY_PAIRS_LEFT: string[] = [
];

/** How many broker folders the cycles through those pairs hold today; only ever lowered. */
const FOLDERS_IN_CYCLES_AT_MOST = 0;

describe('boundaries (team issue 16)', () => {
  let cruised: ICruiseResult;
  beforeAll(async () => {
    const { output } = await cruise(['.'], {
      validate: true,
      ruleSet: { forbidden: FORBIDDEN },
      tsPreCompilationDeps: true,
      tsConfig: { fileName: 'tsconfig.json' },
      doNotFollow: { path: 'node_modules' },
      includeOnly: '\\.tsx?$',
      exclude: { path: ['node_modules', '^dist/', '^data/', '^test/artifacts/', '\\.build/'] },
    });
    cruised = output as ICruiseResult;
  }, 180_000);

  it('imports only across the allowed boundaries (gateway → shared; outside broker/ only broker/index.ts; shared → nothing of ours; broker → shared; a broker folder → another only through its index.ts)', () => {
    const violations = cruised.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
    expect(violations, 'imports that cross a boundary').toEqual([]);
    expect(cruised.modules.length, 'files cruised').toBeGreaterThan(300);
  });

  it('has no broker folders importing each other beyond the pairs still listed', () => {
    expect(twoWayPairs(brokerFolderGraph(cruised.modules)), 'broker folder pairs importing each other').toEqual([...TWO_WAY_PAIRS_LEFT].sort());
  });

  // Longer cycles run through the pairs left: the folders caught in them may only get fewer (0 today;
  // lower the bound as pairs go, and it becomes "none" with the last).
  it('has no more broker folders caught in cycles than before', () => {
    const caught = folderCycles(brokerFolderGraph(cruised.modules)).flat();
    expect(caught.length, `broker folders reaching each other around a cycle: ${caught.join(', ')}`).toBeLessThanOrEqual(FOLDERS_IN_CYCLES_AT_MOST);
  });

  it("leaves no promise floating (typescript-eslint's no-floating-promises)", async () => {
    const results = await new ESLint({ cwd: process.cwd() }).lintFiles(['.']);
    const problems = results.flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line}:${message.column} ${message.message} (${message.ruleId})`));
    expect(problems).toEqual([]);
    expect(results.length, 'files linted').toBeGreaterThan(300);
  }, 600_000);
});
