import { describe, expect, it } from 'vitest';
import { KeepSelectorError, parseKeepBranchSelectors, parseKeepSelectors, parseSelectorJson, withDeployedAndReleased } from './clean-selectors.js';

/** As PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS is read: JSON text, then selectors. */
const fromText = (json: string) => parseKeepSelectors(parseSelectorJson(json, 'keep'));

describe('parseKeepSelectors (team issue 14)', () => {
  it.each([
    ['[{"latest": true}]', [{ latest: true }]],
    ['[{"branch": "main", "max_age": 30}]', [{ branch: 'main', maxAge: 30 }]],
    ['[{"mainBranch": true, "latest": true}, {"tag": true, "latest": true}]', [{ mainBranch: true, latest: true }, { tag: true, latest: true }]],
    ['[{"main_branch": true}, {"pacticipant": "Foo", "environment": "production"}]', [{ mainBranch: true }, { pacticipant: 'Foo', environment: 'production' }]],
    ['[{"deployed": true}, {"released": true}, {"maxAge": 0}]', [{ deployed: true }, { released: true }, { maxAge: 0 }]],
  ])('parses %s as the Ruby Selector.from_hash does', (json, expected) => {
    expect(fromText(json)).toEqual(expected);
  });

  it.each([
    ['{"latest": true', /"keep" is not valid JSON/],
    ['{"latest": true}', /"keep" must be a non-empty JSON array/],
    ['[]', /"keep" must be a non-empty JSON array/],
    ['["main"]', /"keep\[0\]" must be an object/],
    ['[{"max": 3}]', /Unknown key "keep\[0\]\.max"; a keep selector takes pacticipant, environment/],
    ['[{"latest": "yes"}]', /"keep\[0\]\.latest" must be true or false/],
    ['[{"maxAge": -1}]', /"keep\[0\]\.maxAge" must be a whole number of days/],
    ['[{"tag": ""}]', /"keep\[0\]\.tag" must be a non-empty string/],
    // The Ruby broker would drop the false flag and keep every version with the empty selector.
    ['[{"latest": false}]', /"keep\[0\]" selects every version/],
  ])('refuses %s with a sentence', (json, message) => {
    expect(() => fromText(json)).toThrow(KeepSelectorError);
    expect(() => fromText(json)).toThrow(message);
  });

  it('parses branch selectors, a name or a list of names', () => {
    expect(parseKeepBranchSelectors([{ max_age: 90 }, { branch: 'release' }, { branch: ['a', 'b'] }])).toEqual([
      { maxAge: 90 },
      { branch: ['release'] },
      { branch: ['a', 'b'] },
    ]);
    expect(() => parseKeepBranchSelectors([{ latest: true }])).toThrow(/Unknown key "keepBranches\[0\]\.latest"/);
  });

  it('adds deployed and released unless given, as the Ruby CleanTask does', () => {
    expect(withDeployedAndReleased([{ latest: true }])).toEqual([{ latest: true }, { deployed: true }, { released: true }]);
    expect(withDeployedAndReleased([{ deployed: true, environment: 'prod' }, { released: true }])).toEqual([{ deployed: true, environment: 'prod' }, { released: true }]);
  });
});
