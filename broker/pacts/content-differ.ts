import { isObject } from '../http/index.js';
import { numericValue } from './ruby-json.js';

/**
 * pact-support's `Pact::Matchers.diff` as the Ruby broker calls it on pact contents (exact values,
 * unexpected keys allowed): a tree of what differs, which {@link formatDiff} prints (team issue 14).
 */

/** Where the actual side has no such key, or the array was shorter or longer than expected. */
export const KEY_NOT_FOUND = Symbol('KeyNotFound');
export const INDEX_NOT_FOUND = Symbol('IndexNotFound');
export const UNEXPECTED_INDEX = Symbol('UnexpectedIndex');
/** An array element that did not differ: printed `... `. */
export const NO_DIFF_AT_INDEX = Symbol('NoDiffAtIndex');

export class Difference {
  constructor(
    readonly expected: unknown,
    readonly actual: unknown,
  ) {}
}

/** A difference tree: undefined for none, a Difference, or objects and arrays of them. */
export type DiffTree = Difference | { [key: string]: DiffTree } | (DiffTree | typeof NO_DIFF_AT_INDEX)[] | undefined;

/** What differs from `expected` in `actual`. */
export function diffContent(expected: unknown, actual: unknown): DiffTree {
  if (Array.isArray(expected)) return Array.isArray(actual) ? arrayDiff(expected, actual) : new Difference(expected, actual);
  if (isObject(expected) && numericValue(expected) === undefined) return isObject(actual) && numericValue(actual) === undefined ? hashDiff(expected, actual) : new Difference(expected, actual);
  return rubyEquals(expected, actual) ? undefined : new Difference(expected, actual);
}

function hashDiff(expected: Record<string, unknown>, actual: Record<string, unknown>): DiffTree {
  const difference: Record<string, DiffTree> = {};
  for (const [key, value] of Object.entries(expected)) {
    const atKey = diffContent(value, Object.hasOwn(actual, key) ? actual[key] : KEY_NOT_FOUND);
    if (atKey !== undefined) difference[key] = atKey;
  }
  return Object.keys(difference).length > 0 ? difference : undefined;
}

function arrayDiff(expected: unknown[], actual: unknown[]): DiffTree {
  const length = Math.max(expected.length, actual.length);
  const difference: (DiffTree | typeof NO_DIFF_AT_INDEX)[] = [];
  for (let index = 0; index < length; index++) {
    const item = diffContent(index < expected.length ? expected[index] : UNEXPECTED_INDEX, index < actual.length ? actual[index] : INDEX_NOT_FOUND);
    difference.push(item ?? NO_DIFF_AT_INDEX);
  }
  return difference.some((item) => item !== NO_DIFF_AT_INDEX) ? difference : undefined;
}

/** Ruby's `==` on parsed JSON: `1 == 1.0`, hashes equal whatever their key order. */
export function rubyEquals(a: unknown, b: unknown): boolean {
  const [x, y] = [numericValue(a), numericValue(b)];
  if (x !== undefined || y !== undefined) return x === y;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => rubyEquals(item, b[index]));
  if (isObject(a)) {
    if (!isObject(b) || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && rubyEquals(a[key], b[key]));
  }
  return a === b;
}
