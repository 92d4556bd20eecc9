const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * A size for people: `512 bytes`, `4 MiB`, `1.5 GiB` (one decimal, dropped when whole). `fixed`
 * keeps the decimal (`4.0 MiB`), so a progress line does not jump in width as it counts.
 */
export function formatBytes(bytes: number, { fixed = false } = {}): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  if (unit === 0) return `${rounded} ${UNITS[unit]}`;
  return `${fixed || !Number.isInteger(rounded) ? rounded.toFixed(1) : rounded} ${UNITS[unit]}`;
}
