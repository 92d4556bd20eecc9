import { urlEncode } from '../hal/index.js';
import { pathParam, type BrokerContext } from '../http/index.js';
import type { ProviderPactSelection } from './provider-pacts-repository.js';

/** Path parameters to pact selections, shared by the provider and integration collections. */

/** How a route's parameters choose its pacts. */
export type SelectionOf = (c: BrokerContext) => ProviderPactSelection;

export const all: SelectionOf = () => ({ kind: 'all' });
export const tagged: SelectionOf = (c) => ({ kind: 'all', tag: pathParam(c, 'tag') });
export const latest: SelectionOf = () => ({ kind: 'latest' });
export const latestTagged: SelectionOf = (c) => ({ kind: 'latest', tag: pathParam(c, 'tag') });
export const mainBranch: SelectionOf = () => ({ kind: 'branch', heads: false });
export const mainBranchHeads: SelectionOf = () => ({ kind: 'branch', heads: true });
export const branch: SelectionOf = (c) => ({ kind: 'branch', branch: pathParam(c, 'branch'), heads: false });
export const branchHeads: SelectionOf = (c) => ({ kind: 'branch', branch: pathParam(c, 'branch'), heads: true });

/** The resource's own URL: the route with its parameters encoded as in every other link. */
export function resourceUrl(c: BrokerContext, route: string): string {
  return c.get('baseUrl') + route.replace(/:(\w+)/g, (_, name: string) => urlEncode(pathParam(c, name)));
}
