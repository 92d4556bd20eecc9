/**
 * Team issue 13, target 4: loaded into the platform by the density bench (`--import`), to tell where the
 * spread load's tail comes from. Once a second it appends to `pausesFile(process.pid)` the event loop's
 * longest delay and the GC pauses of that second; the bench reads the seconds of each run.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface PauseSecond {
  at: number;
  loopDelayMaxMs: number;
  /** Each GC of the second: V8's kind (1 scavenge, 2 minor mark-compact, 4 mark-compact, 8 incremental, 16 weak callbacks) and its pause. */
  gcs: Array<{ kind: number; ms: number }>;
}

/** Where the platform with this pid writes its seconds. */
export function pausesFile(pid: number): string {
  return path.join(os.tmpdir(), `pactsafs-bench-pauses-${pid}.jsonl`);
}

function gcKind(entry: PerformanceEntry): number {
  // Node 20 gives the kind in `detail` (the typings lag behind).
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
}

// Only as the platform's preload: the bench imports pausesFile from here too.
if (process.argv.some((arg) => arg.endsWith('main.ts'))) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let gcs: PauseSecond['gcs'] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push({ kind: gcKind(entry), ms: entry.duration });
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const second: PauseSecond = { at: Date.now(), loopDelayMaxMs: delay.max / 1e6, gcs };
    appendFileSync(pausesFile(process.pid), `${JSON.stringify(second)}\n`);
    delay.reset();
    gcs = [];
  }, 1000).unref();
}
