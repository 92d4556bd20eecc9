/** Formats a stored ISO timestamp as the Ruby broker renders it: `2019-05-04T06:20:15+00:00`. */
export function formatTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** `createdAt`, and `updatedAt` only when it differs from it (the Ruby broker's Timestamps module). */
export function timestamps(row: { created_at: string; updated_at: string }): { createdAt: string; updatedAt?: string } {
  const createdAt = formatTime(row.created_at);
  return row.updated_at === row.created_at ? { createdAt } : { updatedAt: formatTime(row.updated_at), createdAt };
}

/** `dd/mm/yyyy` of a stored ISO timestamp, as in the Ruby broker's `Version 1.0.0 - 04/05/2019` titles (its date in the server's zone; ours is UTC). */
export function formatDayMonthYear(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}
