import type { DashboardItem } from './dashboard-service.js';

/** The columns of RB `dashboard_text_decorator.rb`'s `Line`, in its order. */
const COLUMNS = ['consumer_name', 'c_version', 'c_tags', 'provider_name', 'p_version', 'p_tags', 'success'] as const;

/** table_print's default column limit: longer values are cut to it, ending in `...`. */
const MAX_WIDTH = 30;

/** `GET /dashboard` as text/plain: the items in the index's order, printed as the table_print gem prints them. */
export function dashboardText(items: readonly DashboardItem[]): string {
  if (items.length === 0) return 'No data.\n';
  const rows = items.map((item): string[] => [
    item.pact.consumerName,
    item.pact.consumerVersionNumber,
    [...item.tagNames].sort().join(', '),
    item.pact.providerName,
    item.verification?.providerVersionNumber ?? '',
    [...item.providerLatestTags].sort().join(', '),
    item.verificationStatus,
  ]);
  const widths = COLUMNS.map((name, index) => Math.min(MAX_WIDTH, Math.max(name.length, ...rows.map((row) => (row[index] ?? '').length))));
  const line = (cells: readonly string[]) => cells.map((cell, index) => fixedWidth(cell, widths[index] ?? 0)).join(' | ');
  return [line(COLUMNS).toUpperCase(), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n') + '\n';
}

/** table_print's FixedWidthFormatter: cut to the width with `...`, else padded with spaces. */
function fixedWidth(value: string, width: number): string {
  if (value.length > width) return `${value.slice(0, width - 3)}...`;
  return value.padEnd(width);
}
