/**
 * Team issue 16: the `pactsafs` CLI answers in ≤ 250 ms. Wall time of `node bin/pactsafs.js help`
 * (the bundle in dist/, rebuilt first so that it is current) beside bare `node -e 0` and the sources
 * through tsx (what bin/pactsafs.js ran at every start before, and still runs under vitest), 10 runs each.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from '../test/support/platform-process.js';
import { median, report } from './support.js';

const RUNS = 10;
const run = promisify(execFile);

/** Milliseconds from spawning `node args` to its exit, `RUNS` times. */
async function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(process.execPath, args, { cwd: repoRoot, env });
    times.push(performance.now() - started);
  }
  return times;
}

await run('npm', ['run', 'build'], { cwd: repoRoot });
const { VITEST: _ignored, ...userEnv } = process.env;
const cases: Array<[string, number[]]> = [
  ['node -e 0', await timed(['-e', '0'], userEnv)],
  ['node bin/pactsafs.js help (dist/)', await timed(['bin/pactsafs.js', 'help'], userEnv)],
  ['node bin/pactsafs.js help (sources through tsx)', await timed(['bin/pactsafs.js', 'help'], { ...userEnv, VITEST: 'true' })],
];
const ms = (value: number) => value.toFixed(0);
await report(
  'CLI start (team issue 16: ≤ 250 ms)',
  ['command', 'runs', 'median ms', 'min ms', 'max ms'],
  cases.map(([command, times]) => [command, RUNS, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))]),
);
