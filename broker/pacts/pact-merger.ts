import { isObject } from '../http/json-object.js';
import type { PactJson } from './pact-content.js';

/**
 * Merges an incoming pact into an existing one (`onConflict: merge`): each incoming interaction
 * replaces the existing one with the same description and provider state, or is appended.
 */
export function mergePacts(existing: PactJson, incoming: PactJson): PactJson {
  const merged = Array.isArray(existing.interactions) ? [...existing.interactions] : [];
  const additions = Array.isArray(incoming.interactions) ? incoming.interactions : [];
  for (const interaction of additions) {
    const index = merged.findIndex((candidate) => sameDescriptionAndState(candidate, interaction));
    if (index >= 0) merged[index] = interaction;
    else merged.push(interaction);
  }
  return { ...existing, interactions: merged };
}

function sameDescriptionAndState(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  return a.description === b.description && JSON.stringify(providerState(a)) === JSON.stringify(providerState(b));
}

/** The first present of the three spellings pact specifications use. */
function providerState(interaction: Record<string, unknown>): unknown {
  return interaction.provider_state ?? interaction.providerState ?? interaction.providerStates ?? null;
}
