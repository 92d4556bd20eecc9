import type Dockerode from 'dockerode';
import type { EngineEvent, EngineEventFilters } from './docker-engine.js';

/** An engine's event stream, one parsed event at a time (an event split over chunks waits for its end). */
export async function dockerodeEvents(
  docker: Dockerode,
  filters: EngineEventFilters,
  onEvent: (event: EngineEvent) => void,
  onEnd: (error?: Error) => void,
): Promise<{ close(): void }> {
  const stream = (await docker.getEvents({ filters: JSON.stringify(filters) })) as NodeJS.ReadableStream & { destroy(): void };
  let closed = false;
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) onEvent(eventOf(line));
  });
  stream.on('error', (error: Error) => {
    if (!closed) onEnd(error);
    closed = true;
  });
  stream.on('close', () => {
    if (!closed) onEnd();
    closed = true;
  });
  return {
    close() {
      closed = true;
      stream.destroy();
    },
  };
}

function eventOf(line: string): EngineEvent {
  try {
    const event = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { Attributes?: Record<string, string> } };
    return { type: event.Type ?? '', action: event.Action ?? '', attributes: event.Actor?.Attributes ?? {} };
  } catch {
    return { type: '', action: '', attributes: {} };
  }
}
