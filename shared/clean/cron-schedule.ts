/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), in UTC as the official
 * image's cron runs them in its container: PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE (team issue 14).
 * Fields take `*`, numbers, ranges `a-b`, steps `*\/n` or `a-b/n`, and lists of these.
 */
export interface CronSchedule {
  readonly expression: string;
  /** The first minute strictly after `after` that the schedule names. */
  next(after: Date): Date;
}

export class CronError extends Error {}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** Parses `expression`; throws a CronError naming the field at fault. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`"${expression}" is not a cron schedule: it needs 5 fields (minute hour day-of-month month day-of-week), like "15 2 * * *".`);
  const [minutes, hours, days, months, weekdays] = parts.map((part, index) => parseField(part, FIELDS[index]!, expression)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (weekdays.has(7)) weekdays.add(0);
  // Standard cron: when both day fields are restricted, a day matching either runs.
  const anyDay = parts[2] === '*';
  const anyWeekday = parts[4] === '*';
  const dayMatches = (date: Date) => {
    const byDay = days.has(date.getUTCDate());
    const byWeekday = weekdays.has(date.getUTCDay());
    if (anyDay || anyWeekday) return byDay && byWeekday;
    return byDay || byWeekday;
  };
  return {
    expression,
    next(after) {
      const time = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
      // Five years of minutes at most, skipping whole months, days and hours that cannot match.
      const limit = after.getTime() + 5 * 366 * 86_400_000;
      while (time.getTime() <= limit) {
        if (!months.has(time.getUTCMonth() + 1)) {
          time.setUTCMonth(time.getUTCMonth() + 1, 1);
          time.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(time)) {
          time.setUTCDate(time.getUTCDate() + 1);
          time.setUTCHours(0, 0, 0, 0);
        } else if (!hours.has(time.getUTCHours())) {
          time.setUTCHours(time.getUTCHours() + 1, 0, 0, 0);
        } else if (!minutes.has(time.getUTCMinutes())) {
          time.setUTCMinutes(time.getUTCMinutes() + 1, 0, 0);
        } else {
          return time;
        }
      }
      throw new CronError(`"${expression}" names no time in the next five years.`);
    },
  };
}

function parseField(part: string, field: (typeof FIELDS)[number], expression: string): Set<number> {
  const values = new Set<number>();
  for (const item of part.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new CronError(`"${expression}": the ${field.name} field "${part}" is not a number, range, step or "*".`);
    const from = match[1] === '*' ? field.min : Number(match[2]);
    const to = match[1] === '*' ? field.max : match[3] !== undefined ? Number(match[3]) : match[4] !== undefined ? field.max : from;
    const step = match[4] !== undefined ? Number(match[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1) {
      throw new CronError(`"${expression}": the ${field.name} field "${part}" must stay within ${field.min}-${field.max}.`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}
