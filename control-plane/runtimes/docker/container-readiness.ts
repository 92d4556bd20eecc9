import { heartbeatAnswers, waitFor } from '../../../shared/wait-for.js';
import type { ContainerEngine } from '../engine/docker-engine.js';
import { streamText } from '../engine/text-sink.js';
import { DATABASE_USER } from './container-specs.js';

// Readiness checks of a tenant's containers (named): a failure says what was awaited, for how long,
// and quotes the container's last log lines.

/** Waits until the postgres in container `name` accepts connections (`pg_isready` inside it). */
export async function waitForDatabase(engine: ContainerEngine, name: string, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      const { code, stderr } = await engine.exec(name, ['pg_isready', '-q', '-h', '127.0.0.1', '-U', DATABASE_USER], {});
      if (code === 0) return true;
      throw new Error(stderr || `pg_isready exited with ${code}`);
    },
    {
      timeoutMs,
      describeFailure: async (problem) =>
        `The database container ${name} did not accept connections within ${timeoutMs / 1000} s ` +
        `(last: ${problem}). Its last log lines:\n${await lastLogLines(engine, name, 20)}`,
    },
  );
}

/**
 * Waits until the broker in container `name` answers its heartbeat with 200 (with `headers`:
 * credentials, if any) at the address `locate` reads for it (asked again each attempt: issue 12, a
 * container has its network address only while it runs). Resolves with the address that answered.
 */
export async function waitForHeartbeat(
  engine: ContainerEngine,
  name: string,
  locate: () => Promise<{ host: string; port: number }>,
  options: { timeoutMs: number; headers?: Record<string, string>; where: string },
): Promise<{ host: string; port: number }> {
  const { timeoutMs } = options;
  return waitFor(
    async () => {
      const address = await locate();
      await heartbeatAnswers({ ...address, headers: options.headers ?? {} });
      return address;
    },
    {
      timeoutMs,
      // Team issue 13 (target 3): a waking tenant's first request waits on this poll; a pause of up to 500 ms cost a
      // quarter of a second on average. One attempt is an inspect and a heartbeat: cheap at 10 a second.
      maxPauseMs: 100,
      describeFailure: async (problem) =>
        `The broker container ${name} did not answer its heartbeat on ${options.where} within ${timeoutMs / 1000} s ` +
        `(last: ${problem}). Its last log lines:\n${await lastLogLines(engine, name, 20)}`,
    },
  );
}

/** The last `count` lines a container wrote, for error messages; a note when they cannot be read. */
async function lastLogLines(engine: ContainerEngine, name: string, count: number): Promise<string> {
  try {
    return (await streamText(await engine.containerLogs(name, { follow: false, tail: count }))).trimEnd() || '(no output)';
  } catch (error) {
    return `(logs unavailable: ${(error as Error).message})`;
  }
}
