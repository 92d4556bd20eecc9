import { request } from 'node:http';

/**
 * Polls `attempt` until it returns a value (not `undefined`), with pauses growing up to `maxPauseMs`
 * (default 500), or fails after `timeoutMs` with `describeFailure(lastProblem)`. `undefined` or an
 * error means "not yet"; an error's message becomes the last problem (throw to say why an answer is
 * not good enough yet).
 */
export async function waitFor<T>(
  attempt: () => Promise<T | undefined>,
  options: { timeoutMs: number; maxPauseMs?: number; describeFailure: (lastProblem: string) => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const maxPauseMs = options.maxPauseMs ?? 500;
  let lastProblem = 'no answer yet';
  for (let pause = 20; ; pause = Math.min(pause * 2, maxPauseMs)) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(await options.describeFailure(lastProblem));
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** GET `path` over HTTP and resolve with the status code (for readiness checks). */
export function httpStatus(options: { host: string; port: number; path: string; headers?: Record<string, string> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ ...options, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

/** Where a broker (ours or the official image) answers 200 once it serves. */
export const HEARTBEAT_PATH = '/diagnostic/status/heartbeat';

/** Where a broker answers 200 only once a query to its database works. */
const DEPENDENCIES_PATH = '/diagnostic/status/dependencies';

/** One readiness attempt for `waitFor`: resolves when the broker's heartbeat answers 200, else throws what it answered. */
export function heartbeatAnswers(options: { host: string; port: number; headers?: Record<string, string> }): Promise<true> {
  return answersOk({ ...options, path: HEARTBEAT_PATH });
}

/** One attempt for `waitFor`: resolves when the broker's database check answers 200 (issue 12: a moved database serves), else throws what it answered. */
export function dependenciesAnswer(options: { host: string; port: number; headers?: Record<string, string> }): Promise<true> {
  return answersOk({ ...options, path: DEPENDENCIES_PATH });
}

async function answersOk(options: Parameters<typeof httpStatus>[0]): Promise<true> {
  const status = await httpStatus(options);
  if (status === 200) return true;
  throw new Error(`HTTP ${status}`);
}
