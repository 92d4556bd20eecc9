import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { scheduleRuns } from './clean-schedule.js';
import { parseCron } from './cron-schedule.js';

describe('scheduleRuns (team issue 14)', () => {
  it('runs at the scheduled minute, logs a failed run and goes on, and stops when told', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    // A clock 10 ms before a minute: each run is due at once, with no wait on the real time.
    const clock = () => new Date('2026-12-06T12:00:59.990Z');
    let runs = 0;
    let stop: () => void = () => {};
    const secondRun = new Promise<void>((resolve) => {
      stop = scheduleRuns(
        parseCron('* * * * *'),
        async () => {
          runs += 1;
          if (runs === 1) throw new Error('database gone');
          stop();
          resolve();
        },
        logger,
        clock,
      );
    });
    await secondRun;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(2);
    expect(lines).toContainEqual(expect.objectContaining({ message: 'scheduled clean failed', schedule: '* * * * *' }));
  });
});
