// Unavailability of a tenant during an operation (issue 12, item 5: a move): a client asks `url`
// every `everyMs` (one request at a time, each given 2 s) and notes the status of each answer (0
// for none). The window runs from the first answer that was not 200 to the first 200 after the last one.

export interface AvailabilityReport {
  requests: number;
  /** The statuses of the answers that were not 200, and how many of each (`0`: no answer within 2 s). */
  failures: Record<string, number>;
  /** Milliseconds from the first answer that was not 200 to the first 200 after the last one; 0 when every answer was 200. */
  windowMs: number;
}

/** Starts polling `url`; `stop()` ends it and reports. */
export function probeAvailability(url: string, everyMs = 50): { stop(): Promise<AvailabilityReport> } {
  const samples: Array<{ at: number; status: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now();
      const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      samples.push({ at, status });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - at))));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return summarise(samples);
    },
  };
}

function summarise(samples: ReadonlyArray<{ at: number; status: number }>): AvailabilityReport {
  const failures: Record<string, number> = {};
  for (const { status } of samples) if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
  const first = samples.findIndex((sample) => sample.status !== 200);
  const last = samples.findLastIndex((sample) => sample.status !== 200);
  const recovered = samples[last + 1];
  const windowMs = first === -1 ? 0 : (recovered ?? samples[last]!).at - samples[first]!.at;
  return { requests: samples.length, failures, windowMs };
}
