import { isObject } from '../http/index.js';
import { rubyEquals } from './content-differ.js';
import { preparePact, withoutInteractionIds, type PactJson, type PreparedPact } from './pact-content.js';
import { parsePactJson } from './ruby-json.js';

/**
 * Merges an incoming pact into an existing one (`onConflict: merge`, `PATCH` of a pact; RB pacts/merger.rb):
 * each incoming interaction replaces the existing one with the same description and provider state, or is appended.
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

/** The stored content and the content sent, merged and prepared again; the stored interaction ids are given anew. */
export function mergedPact(storedJson: string, sentText: string): PreparedPact {
  return preparePact(mergePacts(withoutInteractionIds(parsePactJson(storedJson) as PactJson), parsePactJson(sentText) as PactJson));
}

/**
 * RB `Merger.conflict?`: a PATCH may not change the request of an interaction it replaces; either
 * side without interactions is a conflict too.
 */
export function mergeConflict(storedJson: string, sentText: string): boolean {
  const original = parsePactJson(storedJson) as PactJson;
  const additional = parsePactJson(sentText) as PactJson;
  if (!Array.isArray(original.interactions) || !Array.isArray(additional.interactions)) return true;
  const originals = original.interactions;
  return additional.interactions.some((added: unknown) =>
    originals.some((existing: unknown) => sameDescriptionAndState(existing, added) && !sameRequest(existing, added)),
  );
}

function sameRequest(a: unknown, b: unknown): boolean {
  const requestOf = (interaction: unknown) => (isObject(interaction) && isObject(interaction.request) ? interaction.request : {});
  const [x, y] = [requestOf(a), requestOf(b)];
  return ['method', 'path', 'query', 'body', 'headers'].every((key) => rubyEquals(x[key] ?? null, y[key] ?? null));
}

function sameDescriptionAndState(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  return rubyEquals(a.description ?? null, b.description ?? null) && rubyEquals(providerState(a), providerState(b));
}

/** The first present of the three spellings pact specifications use (RB `values_at(...).compact.first`). */
function providerState(interaction: Record<string, unknown>): unknown {
  return interaction.provider_state ?? interaction.providerState ?? interaction.providerStates ?? null;
}
