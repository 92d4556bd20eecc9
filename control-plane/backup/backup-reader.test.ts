import { describe, expect, it } from 'vitest';
import { entryProblem } from './backup-reader.js';

describe('entryProblem', () => {
  it.each([
    [{ name: 'manifest.json', type: 'file' }, undefined],
    [{ name: 'checksums.json', type: 'file' }, undefined],
    [{ name: 'data/versions.000001.ndjson', type: 'file' }, undefined],
    [{ name: '/etc/passwd', type: 'file' }, /absolute path/],
    [{ name: 'C:/evil', type: 'file' }, /absolute path/],
    [{ name: 'data/../../evil', type: 'file' }, /outside the archive/],
    [{ name: '..\\evil', type: 'file' }, /outside the archive/],
    [{ name: 'data/versions.000001.ndjson', type: 'symlink' }, /is a symlink/],
    [{ name: 'data/versions.000001.ndjson', type: 'link' }, /is a link/],
    [{ name: 'data/versions.000001.ndjson', type: 'block-device' }, /is a block-device/],
    [{ name: 'data', type: 'directory' }, /is a directory/],
    [{ name: 'data/versions.ndjson', type: 'file' }, /not part of a Pact Broker SafS backup/],
    [{ name: 'notes.txt', type: 'file' }, /not part of/],
  ])('%j → %s', (header, problem) => {
    if (problem === undefined) expect(entryProblem(header)).toBeUndefined();
    else expect(entryProblem(header)).toMatch(problem);
  });
});
