import type Dockerode from 'dockerode';
import { heartbeatAnswers, waitFor } from '../../../shared/wait-for.js';
import { execInContainer } from '../engine/container-exec.js';
import { DATABASE_USER } from './container-specs.js';
import { lastLogLines } from '../engine/container-logs.js';

// Readiness checks of a tenant's containers (got by name, so `container.id` is the name): a failure
// says what was awaited, for how long, and quotes the container's last log lines.

/** Waits until the postgres in `container` accepts connections (`pg_isready` inside it). */
export async function waitForDatabase(container: Dockerode.Container, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      const { code, output } = await execInContainer(container, ['pg_isready', '-q', '-h', '127.0.0.1', '-U', DATABASE_USER]);
      if (code === 0) return true;
      throw new Error(output.trim() || `pg_isready exited with ${code}`);
    },
    {
      timeoutMs,
      describeFailure: async (problem) =>
        `The database container ${container.id} did not accept connections within ${timeoutMs / 1000} s ` +
        `(last: ${problem}). Its last log lines:\n${await lastLogLines(container, 20)}`,
    },
  );
}

/**
 * Waits until the broker in `container` answers its heartbeat with 200 (with `headers`: credentials, if
 * any) at the address `locate` reads for it (asked again each attempt: issue 12, a container has its
 * network address only while it runs). Resolves with the address that answered.
 */
export async function waitForHeartbeat(
  container: Dockerode.Container,
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
      describeFailure: async (problem) =>
        `The broker container ${container.id} did not answer its heartbeat on ${options.where} within ${timeoutMs / 1000} s ` +
        `(last: ${problem}). Its last log lines:\n${await lastLogLines(container, 20)}`,
    },
  );
}
