/** Formats a stored ISO timestamp as the Ruby broker renders it: `2019-05-04T06:20:15+00:00`. */
export function formatTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
