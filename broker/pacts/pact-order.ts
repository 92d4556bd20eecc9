import type { PactRow } from './pact-repository.js';

type Ordered = Pick<PactRow, 'consumerName' | 'providerName' | 'consumerVersionOrder'>;

/** The Ruby broker's order of pacts (`Pact#<=>`): consumer name, provider name (both ignoring case), then consumer version order. */
export function comparePacts(a: Ordered, b: Ordered): number {
  return (
    compareText(a.consumerName.toLowerCase(), b.consumerName.toLowerCase()) ||
    compareText(a.providerName.toLowerCase(), b.providerName.toLowerCase()) ||
    a.consumerVersionOrder - b.consumerVersionOrder
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
