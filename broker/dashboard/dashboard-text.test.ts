import { describe, expect, it } from 'vitest';
import type { PactRow } from '../pacts/index.js';
import { dashboardText } from './dashboard-text.js';
import type { DashboardItem } from './dashboard-service.js';

function item(consumerName: string, tagNames: string[]): DashboardItem {
  const pact = { consumerName, providerName: 'Bar', consumerVersionNumber: '1' } as PactRow;
  return { pact, verification: undefined, tagNames, consumerBranchHeads: [], providerBranchHeads: [], providerLatestTags: [], verificationStatus: 'never', lastActivityAt: '' };
}

// The table_print gem as RB dashboard_text_decorator.rb uses it: `No data.` for none, columns as wide
// as their longest value but at most 30 (longer values cut to 27 and `...`), tags sorted and joined.
describe('dashboardText', () => {
  it('says "No data." without items', () => {
    expect(dashboardText([])).toBe('No data.\n');
  });

  it('cuts values longer than 30 characters and sorts the tags', () => {
    const text = dashboardText([item('A-consumer-with-a-very-long-name', ['b', 'a'])]);
    expect(text.split('\n')).toEqual([
      'CONSUMER_NAME                  | C_VERSION | C_TAGS | PROVIDER_NAME | P_VERSION | P_TAGS | SUCCESS',
      '-------------------------------|-----------|--------|---------------|-----------|--------|--------',
      'A-consumer-with-a-very-long... | 1         | a, b   | Bar           |           |        | never  ',
      '',
    ]);
  });
});
