import { describe, expect, it } from 'vitest';
import { changeRuns } from './lcs.js';
import { distanceOfTimeInWords, localDateInWords } from './date-in-words.js';
import { formattedPactDiff } from './pact-diff.js';
import { diffAsString } from './unified-diff.js';

describe('changeRuns (diff-lcs Diff::LCS.diff)', () => {
  it('finds the runs diff-lcs spec_helper.rb names correct_forward_diff', () => {
    const seq1 = 'a b c e h j l m n p'.split(' ');
    const seq2 = 'b c d e f j k l m r s t'.split(' ');
    expect(changeRuns(seq1, seq2)).toEqual([
      { removed: [0], added: [] },
      { removed: [], added: [2] },
      { removed: [4], added: [4] },
      { removed: [], added: [6] },
      { removed: [8, 9], added: [9, 10, 11] },
    ]);
  });
});

describe('diffAsString (pact-support Differ#diff_as_string)', () => {
  it('prints unified hunks with three lines of context, as diff-lcs hunk_spec.rb does for one line', () => {
    expect(diffAsString('Tu a un carte', 'Tu a un carté')).toBe('\n@@ -1 +1 @@\n-Tu a un carté\n+Tu a un carte\n');
  });

  it('keeps hunks apart when more than six lines separate them', () => {
    const old = ['a', '1', '2', '3', '4', '5', '6', '7', 'b'].join('\n');
    const next = ['A', '1', '2', '3', '4', '5', '6', '7', 'B'].join('\n');
    expect(diffAsString(next, old)).toBe('\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n');
  });
});

/** The Ruby broker's spec/fixtures/consumer-provider.json, with the first request's method given, and more interactions. */
function pact(method: string, ...more: Record<string, unknown>[]): Record<string, unknown> {
  const first = {
    description: 'a request for something',
    providerState: null,
    request: { method, path: '/something', headers: { 'Content-Type': 'application/json' } },
    response: { status: 200, body: 'something' },
  };
  return { consumer: { name: 'Consumer' }, provider: { name: 'Provider' }, interactions: [first, ...more] };
}

const another = { _id: 'x', description: 'another', request: { method: 'get', path: '/x', headers: {} }, response: { status: 201 } };

// CreateFormattedDiff.call(pact, previous) (create_formatted_diff.rb, spec create_formatted_diff_spec.rb: a
// `-` line with post, a `+` line with get, no "Key"); the texts follow pact-support's unix_diff_formatter.rb
// (matching keys left out, matching elements `... `, empty hashes as `{\n  }`, array commas) over diff-lcs hunks.
describe('formattedPactDiff (CreateFormattedDiff)', () => {
  it.each([
    ['a changed value', pact('get'), pact('post'), '   "interactions": [\n     {\n       "request": {\n-        "method": "post"\n+        "method": "get"\n       }\n     }\n   ]'],
    [
      'an added interaction (the interaction id left out)',
      pact('get', another),
      pact('get'),
      ' {\n   "interactions": [\n     ... ,\n+    {\n+      "description": "another",\n+      "request": {\n+        "headers": {\n+  },\n+        "method": "get",\n+        "path": "/x"\n+      },\n+      "response": {\n+        "status": 201\n+      }\n+    }\n   ]\n }',
    ],
    ['a key added (unexpected keys are allowed, so not shown)', { ...pact('get'), metadata: { a: 1 } }, pact('get'), ''],
    ['the same content', pact('get'), pact('get'), ''],
  ])('%s', (_, next, previous, expected) => {
    expect(formattedPactDiff(next, previous)).toBe(expected);
  });

  it('shows a removed interaction with - lines', () => {
    expect(formattedPactDiff(pact('get'), pact('get', another))).toContain('-      "description": "another",');
  });
});

describe('DateHelper (date_helper.rb, en.yml)', () => {
  it.each([
    [0, 'less than a minute'],
    [60, '1 minute'],
    [44 * 60, '44 minutes'],
    [89 * 60, 'about 1 hour'],
    [5 * 3600, 'about 5 hours'],
    [30 * 3600, '1 day'],
    [10 * 86400, '10 days'],
    [45 * 86400, 'about 2 months'],
    [100 * 86400, '3 months'],
    [400 * 86400, 'about 1 year'],
    [500 * 86400, 'over 1 year'],
    [700 * 86400, 'almost 2 years'],
  ])('%i seconds is %s', (seconds, words) => {
    expect(distanceOfTimeInWords(new Date(0), new Date(seconds * 1000))).toBe(words);
  });

  it('writes the local date in words', () => {
    expect(localDateInWords(new Date('2026-12-06T13:05:00Z'))).toBe('Sun 06 Dec 2026, 1:05pm +00:00');
    expect(localDateInWords(new Date('2026-01-09T00:00:00Z'))).toBe('Fri 09 Jan 2026, 12:00am +00:00');
  });
});
