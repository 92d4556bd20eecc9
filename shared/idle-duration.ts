/** Idle times (issue 13, scale to zero): how long a tenant may go without a request before it sleeps. */

const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Below a second the idle check could not tell idle from busy; a day is far beyond any sensible idle time but allowed. */
const MIN_IDLE_MS = 1000;

/** `15m`, `90s`, `2h`, `1d` → milliseconds; `0` and `off` → 0 (never sleep); anything else → `undefined`. */
export function idleDurationMs(value: string): number | undefined {
  const text = value.trim().toLowerCase();
  if (text === '0' || text === 'off') return 0;
  const match = /^(\d+)\s*([smhd])$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS_MS[match[2]!]!;
  if (ms === 0) return 0;
  return ms >= MIN_IDLE_MS ? ms : undefined;
}

/** Milliseconds as the shortest duration that says them exactly (`90s`, `15m`); 0 → `off`. */
export function formatIdleDuration(ms: number): string {
  if (ms === 0) return 'off';
  for (const unit of ['d', 'h', 'm'] as const) {
    if (ms % UNITS_MS[unit]! === 0) return `${ms / UNITS_MS[unit]!}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}
