const MINUTES_PER_DAY = 1440;
const MINUTES_PER_MONTH = 43_200;
const MINUTES_PER_YEAR = 525_600;

/**
 * "3 minutes ago", worded as the Ruby broker's index words its dates (`PactBroker::DateHelper`,
 * Rails' `distance_of_time_in_words`). A time after `now` (clock skew) reads as just now.
 */
export function timeAgo(iso: string, now: Date): string {
  return `${distanceOfTimeInWords(new Date(iso), now)} ago`;
}

/** The distance between two times in words, rounded to the minute as Rails rounds it. */
export function distanceOfTimeInWords(from: Date, to: Date): string {
  const minutes = Math.round(Math.max(0, to.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 2) return '1 minute';
  if (minutes < 45) return `${minutes} minutes`;
  if (minutes < 90) return 'about 1 hour';
  if (minutes < MINUTES_PER_DAY) return `about ${Math.round(minutes / 60)} hours`;
  if (minutes < 2520) return '1 day';
  if (minutes < MINUTES_PER_MONTH) return `${Math.round(minutes / MINUTES_PER_DAY)} days`;
  if (minutes < 2 * MINUTES_PER_MONTH) return `about ${count(Math.round(minutes / MINUTES_PER_MONTH), 'month')}`;
  if (minutes < MINUTES_PER_YEAR) return `${Math.round(minutes / MINUTES_PER_MONTH)} months`;
  return years(minutes);
}

/** Whole years, qualified by how far into the next year the rest reaches (a quarter, three quarters). */
function years(minutes: number): string {
  const whole = Math.floor(minutes / MINUTES_PER_YEAR);
  const rest = minutes % MINUTES_PER_YEAR;
  if (rest < MINUTES_PER_YEAR / 4) return `about ${count(whole, 'year')}`;
  if (rest < (MINUTES_PER_YEAR * 3) / 4) return `over ${count(whole, 'year')}`;
  return `almost ${count(whole + 1, 'year')}`;
}

function count(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}
