import { describe, expect, it } from 'vitest';
import { validateEnvironment } from './environment-schema.js';

const valid = { name: 'test', displayName: 'Test', production: false, contacts: [{ name: 'Team', details: { emailAddress: 'team@example.com' } }] };

describe('validateEnvironment: the Ruby broker texts (environment_schema.rb)', () => {
  it.each([
    ['an empty body', {}, { name: ['is missing'], production: ['is missing'] }],
    ['a null name', { ...valid, name: null }, { name: ['must be filled'] }],
    ['an empty name', { ...valid, name: '' }, { name: ['must be filled'] }],
    ['a number as name', { ...valid, name: 1 }, { name: ['must be a string'] }],
    ['a name with a space', { ...valid, name: 'my env' }, { name: ['cannot contain spaces'] }],
    ['a name on two lines', { ...valid, name: 'a\nb' }, { name: ['cannot contain multiple lines'] }],
    ['a number as display name', { ...valid, displayName: 2 }, { displayName: ['must be a string'] }],
    ['a display name on two lines', { ...valid, displayName: 'A\nB' }, { displayName: ['cannot contain multiple lines'] }],
    ['a null production flag', { ...valid, production: null }, { production: ['must be filled'] }],
    ['a string production flag', { ...valid, production: 'true' }, { production: ['must be one of: true, false'] }],
    ['contacts that are not an array', { ...valid, contacts: {} }, { contacts: ['must be an array'] }],
    ['a contact that is not a hash', { ...valid, contacts: ['Team'] }, { contacts: ['must be a hash (at index 0)'] }],
    ['a contact without a name', { ...valid, contacts: [{ name: 'A' }, { details: {} }] }, { contacts: ['name is missing (at index 1)'] }],
    ['a contact with string details', { ...valid, contacts: [{ name: 'A', details: 'x' }] }, { contacts: ['details must be a hash (at index 0)'] }],
    ['a contact name on two lines', { ...valid, contacts: [{ name: 'A\nB' }] }, { contacts: ['name cannot contain multiple lines (at index 0)'] }],
  ])('rejects %s', (_, body, errors) => {
    expect(validateEnvironment(body, undefined)).toEqual({ valid: false, errors });
  });

  it('rejects a name another environment has', () => {
    expect(validateEnvironment(valid, 'another-uuid')).toEqual({
      valid: false,
      errors: { name: ["name 'test' is already used by an existing environment."] },
    });
  });

  it('keeps only the name and details of contacts, and a null display name', () => {
    const body = { name: 'prod', displayName: null, production: true, contacts: [{ name: 'Ops', email: 'x@y' }] };
    expect(validateEnvironment(body, undefined)).toEqual({
      valid: true,
      value: { name: 'prod', displayName: null, production: true, contacts: [{ name: 'Ops' }] },
    });
  });

  it('accepts a body without contacts as none', () => {
    expect(validateEnvironment({ name: 'test', production: false }, undefined)).toEqual({
      valid: true,
      value: { name: 'test', displayName: null, production: false, contacts: null },
    });
  });
});
