import v8 from 'node:v8';
import vm from 'node:vm';
import koffi from 'koffi';

/**
 * Issue 13, density: a closed broker frees its SQLite page cache and statements to glibc's heap,
 * which keeps them resident wherever a live allocation sits above them; only `malloc_trim` gives
 * such pages back. Without it, 300 tenants put to sleep kept 293 MiB of RSS; with it, 113 MiB.
 * No glibc (another libc, another system): nothing to trim, and this answers false.
 */
const mallocTrim = loadMallocTrim();

/**
 * An idle process runs V8's collections seldom, so the closed brokers' objects keep their heap pages
 * for minutes (300 tenants asleep held 322 MiB a minute later). The flag exposes `gc` to a new context
 * only, as jest's --logHeapUsage does.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function loadMallocTrim(): ((pad: number) => number) | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
  } catch {
    return undefined;
  }
}

/** Gives the heap's free pages back to the system; answers whether any were. */
export function releaseFreedMemory(): boolean {
  collectGarbage();
  return mallocTrim?.(0) === 1;
}

/**
 * Calls `releaseFreedMemory` `delayMs` after the first of a burst of calls (tenants fall asleep in
 * rounds), and at most once per `minIntervalMs`: the full collection holds the event loop every
 * tenant shares. `released` hears how long it took.
 */
export function freedMemoryReleaser(released: (tookMs: number) => void, delayMs = 1000, minIntervalMs = 30_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let lastAt = -Infinity;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      lastAt = performance.now();
      releaseFreedMemory();
      released(performance.now() - lastAt);
    }, Math.max(delayMs, lastAt + minIntervalMs - performance.now()));
    timer.unref();
  };
}
