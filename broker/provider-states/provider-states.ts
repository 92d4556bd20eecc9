import { isObject } from '../http/index.js';
import { canonicalJson } from '../pacts/index.js';

/** A provider state as an interaction names it; `params` only in pact specification 3 and later. */
export interface ProviderState {
  name: string;
  params?: unknown;
}

/** A provider state with the consumers whose pacts use it: one entry of `{"providerStates": […]}`. */
export interface ProviderStateUsage extends ProviderState {
  consumers: string[];
}

/** One consumer's pact document, parsed. */
export interface ConsumerPact {
  consumerName: string;
  content: unknown;
}

/**
 * The states a pact's messages and interactions name (RB `Content#provider_states`): the string
 * `providerState` of specifications 1 and 2, or each entry of `providerStates` from 3 on. Entries
 * without a string name are skipped.
 */
export function providerStatesOf(pact: unknown): ProviderState[] {
  if (!isObject(pact)) return [];
  const items = [pact.messages, pact.interactions].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  return items.flatMap((item): ProviderState[] => {
    if (!isObject(item)) return [];
    if (typeof item.providerState === 'string') return [{ name: item.providerState }];
    if (!Array.isArray(item.providerStates)) return [];
    return (item.providerStates as unknown[]).flatMap((state) =>
      isObject(state) && typeof state.name === 'string' ? [withParams(state.name, state.params)] : [],
    );
  });
}

/**
 * One entry per name and params, with each consumer once in the order the pacts come, sorted by
 * name (RB `ProviderStatesDecorator`); params equal whatever the order of their keys are one.
 */
export function aggregateProviderStates(pacts: readonly ConsumerPact[]): ProviderStateUsage[] {
  const usages = new Map<string, ProviderStateUsage>();
  for (const { consumerName, content } of pacts) {
    for (const state of providerStatesOf(content)) {
      const key = canonicalJson([state.name, state.params ?? null]);
      const usage = usages.get(key) ?? { ...state, consumers: [] };
      if (!usage.consumers.includes(consumerName)) usage.consumers.push(consumerName);
      usages.set(key, usage);
    }
  }
  // As Ruby compares strings: by their UTF-8 bytes.
  return [...usages.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

/** A state with `params` only when there are some: the Ruby broker renders no `params` for nil. */
function withParams(name: string, params: unknown): ProviderState {
  return params === undefined || params === null ? { name } : { name, params };
}
