import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { temporaryDataDir } from '../../test/support/platform-process.js';
import { EmbeddedRuntime } from '../runtimes/embedded/embedded-runtime.js';

export interface EmbeddedTestBed {
  /** This test's data dir. */
  readonly dir: string;
  /** An embedded runtime over it. */
  readonly runtime: EmbeddedRuntime;
  /** Another runtime over the same data dir, as after a platform restart; closed after the test too. */
  restartedRuntime(): EmbeddedRuntime;
}

/**
 * Registers hooks giving each test of the enclosing suite a fresh data dir and embedded runtime,
 * closed and deleted after it (after the suite's own afterEach hooks, which vitest runs first).
 */
export function useEmbeddedTestBed(): EmbeddedTestBed {
  let data: Awaited<ReturnType<typeof temporaryDataDir>> | undefined;
  let runtimes: EmbeddedRuntime[] = [];
  const current = () => {
    if (!data || !runtimes[0]) throw new Error('The embedded test bed is only there while a test runs.');
    return { dir: data.dir, runtime: runtimes[0] };
  };

  beforeEach(async () => {
    data = await temporaryDataDir();
    runtimes = [new EmbeddedRuntime(data.dir, silentLogger)];
  });

  afterEach(async () => {
    for (const runtime of runtimes) await runtime.close();
    await data?.remove();
    data = undefined;
    runtimes = [];
  });

  return {
    get dir() {
      return current().dir;
    },
    get runtime() {
      return current().runtime;
    },
    restartedRuntime() {
      const runtime = new EmbeddedRuntime(current().dir, silentLogger);
      runtimes.push(runtime);
      return runtime;
    },
  };
}
