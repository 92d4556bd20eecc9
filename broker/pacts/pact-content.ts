import { createHash } from 'node:crypto';
import { isObject } from '../http/index.js';
import { generatePactJson, RubyFloat, scalarJson } from './ruby-json.js';

/** A parsed pact document. */
export type PactJson = Record<string, unknown>;

/**
 * The pact's content SHA (docs/broker-api.md#content-sha-and-revisions): SHA1 of the content that affects verification results,
 * with keys sorted and interactions (or messages) in a canonical order, so that metadata changes and
 * reordered interactions do not make a new pact version.
 */
export function generatePactSha(pact: PactJson): string {
  const sortedKey = pact.interactions ? 'interactions' : pact.messages ? 'messages' : undefined;
  const interactions = Array.isArray(pact.interactions) ? pact.interactions : undefined;
  const messages = Array.isArray(pact.messages) ? pact.messages : undefined;
  // Like the Ruby broker, a document with neither is hashed whole, as it came.
  if (!sortedKey || (!interactions && !messages)) return sha1(generatePactJson(pact));
  const content: Record<string, unknown> = {};
  if (interactions) content.interactions = sortedKey === 'interactions' ? canonicalOrder(interactions) : interactions;
  if (messages) content.messages = sortedKey === 'messages' ? canonicalOrder(messages) : messages;
  const specificationVersion = pactSpecificationVersion(pact);
  if (specificationVersion) content.pact_specification_version = specificationVersion;
  return sha1(canonicalJson(content));
}

/** What storing a pact takes: its SHA, its JSON as stored, and its counts. */
export interface PreparedPact {
  sha: string;
  /** The document with interaction ids ({@link withInteractionIds}), serialized. */
  storedJson: string;
  interactionsCount: number;
  messagesCount: number;
}

/**
 * Computes once what storing the pact takes. It is the costly part of a publication (seconds for a
 * pact of 16 MiB), so for request bodies it runs in a worker thread (issue 11).
 */
export function preparePact(pact: PactJson): PreparedPact {
  const { interactions, messages } = countInteractions(pact);
  return { sha: generatePactSha(pact), storedJson: generatePactJson(withInteractionIds(pact)), interactionsCount: interactions, messagesCount: messages };
}

/** Gives every interaction and message an `_id` (its SHA) as first key; an `_id` already there is kept. */
export function withInteractionIds(pact: PactJson): PactJson {
  const result: PactJson = { ...pact };
  for (const key of ['interactions', 'messages'] as const) {
    const items = pact[key];
    if (Array.isArray(items)) result[key] = items.map(withInteractionId);
  }
  return result;
}

/** The pact without the `_id`s the broker added, as it was published. */
export function withoutInteractionIds(pact: PactJson): PactJson {
  const result: PactJson = { ...pact };
  for (const key of ['interactions', 'messages'] as const) {
    const items = pact[key];
    if (Array.isArray(items)) result[key] = items.map((item: unknown) => (isObject(item) ? withoutKey(item, '_id') : item));
  }
  return result;
}

export function countInteractions(pact: PactJson): { interactions: number; messages: number } {
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  return { interactions: count(pact.interactions), messages: count(pact.messages) };
}

/**
 * JSON with every object's keys sorted by UTF-8 bytes, as Ruby sorts strings. Serialized by hand
 * because JavaScript objects always put integer-like keys first, whatever order they were added in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (!isObject(value) || value instanceof RubyFloat) return scalarJson(value);
  const keys = Object.keys(value).sort(compareBytes);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = object;
  return rest;
}

function withInteractionId(item: unknown): unknown {
  if (!isObject(item)) return item;
  const { _id: existingId, ...rest } = item;
  return { _id: existingId ?? sha1(canonicalJson(rest)), ...rest };
}

/** Sorted by each element's canonical JSON (RB SortContent's `sort_by(&:to_json)` of key-ordered hashes). */
export function canonicalOrder(items: unknown[]): unknown[] {
  return items
    .map((item) => ({ item, json: canonicalJson(item) }))
    .sort((a, b) => compareBytes(a.json, b.json))
    .map(({ item }) => item);
}

function pactSpecificationVersion(pact: PactJson): unknown {
  const metadata = pact.metadata;
  if (!isObject(metadata)) return undefined;
  const versionIn = (value: unknown) => (isObject(value) ? value.version : undefined);
  return versionIn(metadata.pactSpecification) || versionIn(metadata['pact-specification']) || metadata.pactSpecificationVersion;
}

/**
 * Orders strings as their UTF-8 bytes, i.e. by code point, without encoding them: a Buffer per
 * comparison was most of a big publish's time (issue 11). UTF-16 units order as code points except
 * surrogates (U+D800–DFFF, the halves of code points above U+FFFF), which must rank above U+E000–FFFF.
 */
export function compareBytes(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
