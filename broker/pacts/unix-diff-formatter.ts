import { isObject } from '../http/index.js';
import { Difference, INDEX_NOT_FOUND, KEY_NOT_FOUND, NO_DIFF_AT_INDEX, UNEXPECTED_INDEX, type DiffTree } from './content-differ.js';
import { compareBytes } from './pact-content.js';
import { RubyFloat, scalarJson } from './ruby-json.js';
import { diffAsString } from './unified-diff.js';

/** Ruby's `\s`: JavaScript's also matches Unicode spaces. */
const S = '[ \\t\\r\\n\\f\\v]';
const NO_DIFFERENCE = Symbol('NoDifferenceDecorator');

/**
 * pact-support's `Pact::Matchers::UnixDiffFormatter` without colour or explanation, as the Ruby broker's
 * `CreateFormattedDiff` calls it: the expected and actual sides pretty-printed (matching keys left out,
 * matching array elements as `... `) and diffed line by line (team issue 14).
 */
export function formatDiff(tree: DiffTree): string {
  const expected = generateString(tree, 'expected');
  const actual = generateString(tree, 'actual');
  const stringDiff = removeFirstLine(diffAsString(actual, expected).replace(/^[\s\0]+/, ''));
  return stringDiff.replace(new RegExp(`,(\\n${S}*\\])`, 'g'), '$1');
}

type Side = 'expected' | 'actual';

function generateString(tree: DiffTree, side: Side): string {
  let json = prettyGenerate(copy(tree ?? {}, side), '');
  json = json.replace(new RegExp(`(\\{\\n)\\n(${S}*\\})`, 'g'), '$1$2');
  json = json.replace(new RegExp(`(\\{${S}*\\})`, 'g'), '{\n  }');
  json = json.replace(new RegExp(`\\[${S}*\\]`, 'g'), '[\n  ]');
  return json.replace(new RegExp(`(\\n${S}*\\])`, 'g'), ',$1');
}

/** The formatter's `handle`: one side of the tree, with what that side lacks left out. */
function copy(thing: unknown, side: Side): unknown {
  if (thing instanceof Difference) return copy(side === 'actual' ? thing.actual : thing.expected, side);
  if (thing === NO_DIFF_AT_INDEX) return NO_DIFFERENCE;
  if (Array.isArray(thing)) return thing.map((item) => copy(item, side)).filter((item) => item !== UNEXPECTED_INDEX && item !== INDEX_NOT_FOUND);
  if (isObject(thing) && !(thing instanceof RubyFloat)) {
    const entries = Object.entries(thing).map(([key, value]) => [key, copy(value, side)] as const);
    return Object.fromEntries(entries.filter(([, value]) => value !== KEY_NOT_FOUND));
  }
  return thing;
}

/** Ruby's `JSON.pretty_generate`, keys in Ruby's sorted order (the contents were sorted before diffing). */
function prettyGenerate(value: unknown, indent: string): string {
  if (value === NO_DIFFERENCE) return '... ';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + prettyGenerate(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (isObject(value) && !(value instanceof RubyFloat)) {
    const keys = Object.keys(value).sort(compareBytes);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${prettyGenerate(value[key], inner)}`).join(',\n')}\n${indent}}`;
  }
  return scalarJson(value);
}

function removeFirstLine(stringDiff: string): string {
  const lines = stringDiff.split('\n');
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines[0]?.includes('@@') ? lines.slice(1).join('\n') : stringDiff;
}
