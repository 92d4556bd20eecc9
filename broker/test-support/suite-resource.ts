import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** How long a suite keeps a started resource: a fresh one for each test, or one for the whole suite. */
export type SuiteScope = 'each' | 'all';

/**
 * Registers the hooks that start a resource before each test (or once before the suite, for
 * `'all'`) and close it after, and answers a getter for the current one. Suites declare it once
 * instead of repeating `let x; beforeEach(start); afterEach(close)`.
 */
export function useSuiteResource<T extends { close(): Promise<void> }>(start: () => Promise<T>, scope: SuiteScope = 'each'): () => T {
  let current: T | undefined;
  const [before, after] = scope === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await start();
  });
  after(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('The suite resource exists only while its tests run.');
    return current;
  };
}
