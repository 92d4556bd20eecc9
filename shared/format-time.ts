/**
 * `2026-11-23 13:30 UTC`: a moment for people, the same on any screen in any time zone;
 * `undefined` when there is no valid date, so that each caller shows its own placeholder.
 */
export function formatTimestamp(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
