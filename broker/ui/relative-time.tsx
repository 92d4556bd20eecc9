import { timeAgo } from './time-ago.js';

/** "3 minutes ago", with the exact UTC time in the tooltip and in `datetime` for machines. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  const exact = new Date(iso).toISOString();
  return (
    <time datetime={exact} title={exact}>
      {timeAgo(exact, now)}
    </time>
  );
}
