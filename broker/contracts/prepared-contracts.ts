import { preparePact, type PreparedPact } from '../pacts/index.js';
import type { ContractsToPublish } from './publish-contracts-schema.js';

/** A contract ready to store: its pact prepared. */
export interface PreparedContract {
  consumerName: string;
  providerName: string;
  pact: PreparedPact;
  /** With `onConflict: merge` only: the content as sent, merged on the main thread into what is stored. */
  textToMerge?: string;
}

/** A valid publish body whose contracts are prepared: plain data, so a worker thread can hand it back (issue 11). */
export type PreparedContracts = Omit<ContractsToPublish, 'contracts'> & { contracts: PreparedContract[] };

/** Prepares every contract's pact; the parsed contents are left behind. */
export function prepareContracts(request: ContractsToPublish): PreparedContracts {
  return {
    ...request,
    contracts: request.contracts.map(({ consumerName, providerName, content, text, merge }) => ({
      consumerName,
      providerName,
      pact: preparePact(content),
      ...(merge && { textToMerge: text }),
    })),
  };
}
