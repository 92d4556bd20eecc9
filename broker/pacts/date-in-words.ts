/**
 * The Ruby broker's DateHelper (date_helper.rb, with its en.yml texts), as its pact diff header uses it
 * (team issue 14). Times are UTC, as our broker's are.
 */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `local_date_in_words`: strftime `%a %d %b %Y, %l:%M%P %:z` with double spaces collapsed, e.g. `Sun 06 Dec 2026, 1:05pm +00:00`. */
export function localDateInWords(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${DAY_NAMES[date.getUTCDay()]} ${day} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${hour12}:${minutes}${hours < 12 ? 'am' : 'pm'} +00:00`;
}

/** `distance_of_time_in_words` without seconds, e.g. `less than a minute`, `about 3 hours`, `over 1 year`. */
export function distanceOfTimeInWords(from: Date, to: Date): string {
  const minutes = Math.round(Math.abs(to.getTime() - from.getTime()) / 60_000);
  const count = (one: string, other: string, n: number) => (n === 1 ? one : other.replace('%{count}', String(n)));
  if (minutes <= 1) return minutes === 0 ? 'less than a minute' : '1 minute';
  if (minutes < 45) return `${minutes} minutes`;
  if (minutes < 90) return 'about 1 hour';
  if (minutes < 1440) return count('about 1 hour', 'about %{count} hours', Math.round(minutes / 60));
  if (minutes < 2520) return '1 day';
  if (minutes < 43200) return count('1 day', '%{count} days', Math.round(minutes / 1440));
  if (minutes < 86400) return count('about 1 month', 'about %{count} months', Math.round(minutes / 43200));
  if (minutes < 525600) return count('1 month', '%{count} months', Math.round(minutes / 43200));
  const remainder = minutes % 525600;
  const years = Math.floor(minutes / 525600);
  if (remainder < 131400) return count('about 1 year', 'about %{count} years', years);
  if (remainder < 394200) return count('over 1 year', 'over %{count} years', years);
  return count('almost 1 year', 'almost %{count} years', years + 1);
}
