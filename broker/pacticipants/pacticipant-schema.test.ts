import { describe, expect, it } from 'vitest';
import { validatePacticipant } from './pacticipant-schema.js';

describe('validatePacticipant (the Ruby broker PacticipantSchema texts)', () => {
  it.each([
    ['a valid update', { displayName: 'Foo', mainBranch: 'main', repositoryUrl: 'http://x' }, undefined],
    ['nulls', { displayName: null, mainBranch: null }, undefined],
    ['a main branch with a space', { mainBranch: 'origin main' }, { mainBranch: ['cannot contain spaces'] }],
    ['a blank main branch', { mainBranch: ' ' }, { mainBranch: ['cannot contain spaces', 'cannot be blank'] }],
    ['a main branch on two lines', { mainBranch: 'a\nb' }, { mainBranch: ['cannot contain multiple lines'] }],
    ['a blank display name', { displayName: '' }, { displayName: ['cannot be blank'] }],
    ['a number as repository URL', { repositoryUrl: 1 }, { repositoryUrl: ['must be a string'] }],
    ['an empty name', { name: '' }, { name: ['must be filled'] }],
    ['a blank name', { name: '  ' }, { name: ['cannot be blank'] }],
    ['a name on two lines', { name: 'a\nb' }, { name: ['cannot contain multiple lines'] }],
  ])('%s', (_, body, errors) => {
    const result = validatePacticipant(body, { nameRequired: false });
    expect(result.valid ? undefined : result.errors).toEqual(errors);
  });

  it('requires a name to create', () => {
    expect(validatePacticipant({ repositoryUrl: '' }, { nameRequired: true })).toEqual({ valid: false, errors: { name: ['is missing'] } });
  });

  it('keeps the given properties, nulls included, and ignores others', () => {
    expect(validatePacticipant({ name: 'Foo', mainBranch: null, _embedded: { labels: [] } }, { nameRequired: true })).toEqual({
      valid: true,
      fields: { name: 'Foo', mainBranch: null },
    });
  });
});
