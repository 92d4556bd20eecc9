import type Dockerode from 'dockerode';
import { heartbeatAnswers, waitFor } from '../../../shared/wait-for.js';
import { execInContainer } from './container-exec.js';
import { DATABASE_USER } from './container-specs.js';
import { lastLogLines } from './container-logs.js';

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

/** Waits until the broker in `container`, reached at `address` (with `headers`: credentials, if any), answers its heartbeat with 200. */
export async function waitForHeartbeat(
  container: Dockerode.Container,
  address: { host: string; port: number },
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<void> {
  await waitFor(
    () => heartbeatAnswers({ ...address, headers }),
    {
      timeoutMs,
      describeFailure: async (problem) =>
        `The broker container ${container.id} did not answer its heartbeat on ${address.host}:${address.port} within ${timeoutMs / 1000} s ` +
        `(last: ${problem}). Its last log lines:\n${await lastLogLines(container, 20)}`,
    },
  );
}
