import { heartbeatAnswers, waitFor } from '../../shared/wait-for.js';

export interface HeartbeatProbeOptions {
  /** Where the gateway listens (a loopback address) and on which port. */
  gatewayAddress: string;
  gatewayPort: () => number;
  /** The Host header that reaches a tenant through the gateway. */
  hostFor: (name: string) => string;
  /** Headers carrying the tenant's broker credentials, when it has basic auth. */
  authHeadersFor: (name: string) => Record<string, string>;
  timeoutMs?: number;
}

/** Waits until a tenant's heartbeat answers 200 through the gateway, or says what it saw instead. */
export function heartbeatProbe(options: HeartbeatProbeOptions): (name: string) => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return async (name) => {
    await waitFor(
      () =>
        heartbeatAnswers({
          host: options.gatewayAddress,
          port: options.gatewayPort(),
          headers: { Host: options.hostFor(name), Accept: 'application/json', ...options.authHeadersFor(name) },
        }),
      {
        timeoutMs,
        describeFailure: (problem) =>
          `The broker of tenant "${name}" did not answer its heartbeat through the gateway within ${timeoutMs / 1000} s ` +
          `(last: ${problem}).`,
      },
    );
  };
}
