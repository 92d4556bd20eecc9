import { describe, expect, it } from 'vitest';
import { splitPath, urlEncode } from './url-encoding.js';

describe('urlEncode (ERB::Util.url_encode)', () => {
  it.each([
    ['Foo', 'Foo'],
    ['a b', 'a%20b'],
    ['feat/x', 'feat%2Fx'],
    ['A-z_0.9~', 'A-z_0.9~'],
    ["it's(1)*!", 'it%27s%281%29%2A%21'],
    ['ü', '%C3%BC'],
    ['a+b&c=d?e#f', 'a%2Bb%26c%3Dd%3Fe%23f'],
  ])('%s → %s', (raw, encoded) => {
    expect(urlEncode(raw)).toBe(encoded);
  });
});

describe('splitPath', () => {
  it.each([
    ['/pacticipants/Foo', ['pacticipants', 'Foo']],
    ['/branches/feat%2Fx/versions/1', ['branches', 'feat/x', 'versions', '1']],
    ['/a%20b/', ['a b']],
    ['/a%2', null],
  ])('%s', (path, segments) => {
    expect(splitPath(path)).toEqual(segments);
  });
});
