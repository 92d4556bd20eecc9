import type { Logger } from '../logger.js';
import type { CronSchedule } from './cron-schedule.js';

/** setTimeout's largest delay; a later run is reached by waking up on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `run` at each time the schedule names (team issue 14: PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE),
 * one run at a time: a run still going at the next time skips that time. A failed run is logged
 * and the schedule goes on. Answers a stop function.
 */
export function scheduleRuns(schedule: CronSchedule, run: () => Promise<void>, logger: Logger, clock: () => Date = () => new Date()): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const due = schedule.next(clock());
    const wait = () => {
      const left = due.getTime() - clock().getTime();
      timer = setTimeout(left > MAX_TIMER_MS ? wait : fire, Math.max(0, Math.min(left, MAX_TIMER_MS)));
      timer.unref();
    };
    const fire = () => {
      run()
        .catch((error: unknown) => logger.error('scheduled clean failed', { schedule: schedule.expression, error }))
        .finally(arm);
    };
    wait();
  };
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
